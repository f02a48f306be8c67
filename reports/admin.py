"""Django admin (superusers): published reports, read-only (they never change)."""

from django.contrib import admin

from reports.models import PublishedReport


@admin.register(PublishedReport)
class PublishedReportAdmin(admin.ModelAdmin):
    list_display = ("month", "region", "revision", "published_by", "published_at", "reason")
    list_filter = ("month",)
    readonly_fields = (
        "month",
        "region",
        "revision",
        "data",
        "published_by",
        "published_at",
        "reason",
    )

    def has_add_permission(self, request) -> bool:
        return False  # publishing goes through reports.services.report_publish

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
