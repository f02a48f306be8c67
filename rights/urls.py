"""URLs of the rights app."""

from django.urls import path

from gigmarket.views import coming_soon

app_name = "rights"

urlpatterns = [
    path("", coming_soon, {"feature": "rights"}, name="complaint_create"),
]
