"""URLs of the jobs app."""

from django.urls import path

from gigmarket.views import coming_soon

app_name = "jobs"

urlpatterns = [
    path("", coming_soon, {"feature": "jobs"}, name="job_list"),
]
