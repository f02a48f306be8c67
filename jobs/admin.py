"""Django admin (superusers only) for the jobs app's records; everyday work uses the app's pages."""

from django.contrib import admin

from jobs.models import Employer, Job, JobTransition, PostingRule


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "credit_code", "region", "verified_at", "suspended"]
    list_filter = ["kind", "suspended"]
    search_fields = ["name", "credit_code"]
    raw_id_fields = ["user", "verified_by", "created_by", "region", "station"]


class JobTransitionInline(admin.TabularInline):
    model = JobTransition
    extra = 0
    can_delete = False
    readonly_fields = ["at", "by", "from_state", "to_state", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read the history here; status changes go through the app's pages (logged services)."""

    list_display = ["title", "employer", "status", "station", "opened_at", "valid_through"]
    list_filter = ["status", "nature"]
    search_fields = ["title", "external_ref"]
    raw_id_fields = ["employer", "region", "station", "collected_by", "created_by", "occupation"]
    readonly_fields = ["status", "opened_at", "ended_at"]
    inlines = [JobTransitionInline]


@admin.register(PostingRule)
class PostingRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "severity", "pattern", "active"]
    list_filter = ["category", "severity", "active"]
