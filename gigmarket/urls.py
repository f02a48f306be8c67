"""Root URLs: the kernel's pages, then each app under its own prefix."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = admin.site.site_title = "零工市场后台"

urlpatterns = [
    path("", include("gigmarket.urls_core")),
    path("stations/", include("stations.urls")),
    path("seekers/", include("seekers.urls")),
    path("policies/", include("publicity.urls")),
    path("jobs/", include("jobs.urls")),
    path("training/", include("training.urls")),
    path("rights/", include("rights.urls")),
    path("events/", include("events.urls")),
    path("guidance/", include("guidance.urls")),
    path("feedback/", include("feedback.urls")),
    path("subsidies/", include("subsidies.urls")),
    path("partners/", include("partners.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
