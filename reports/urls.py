"""URLs of the reports app."""

from django.urls import path

from gigmarket.views import coming_soon

app_name = "reports"

urlpatterns = [
    path("", coming_soon, {"feature": "reports"}, name="bulletin"),
]
