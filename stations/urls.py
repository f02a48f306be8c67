"""URLs of the stations app."""

from django.urls import path

from gigmarket.views import coming_soon

app_name = "stations"

urlpatterns = [
    path("", coming_soon, {"feature": "stations"}, name="station_list"),
    path("<slug:code>/", coming_soon, {"feature": "stations"}, name="station_detail"),
]
