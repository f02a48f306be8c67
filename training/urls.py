"""URLs of the training app."""

from django.urls import path

from gigmarket.views import coming_soon

app_name = "training"

urlpatterns = [
    path("", coming_soon, {"feature": "training"}, name="programme_list"),
]
