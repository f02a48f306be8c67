"""Django admin (superusers only) for the jobs app's records; everyday work uses the app's pages."""

from django.contrib import admin

from jobs.models import (
    Employer,
    Job,
    JobTransition,
    Placement,
    PlacementTransition,
    PostingRule,
    WaitingEntry,
)


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "credit_code", "region", "verified_at", "suspended"]
    list_filter = ["kind", "suspended"]
    search_fields = ["name", "credit_code"]
    raw_id_fields = ["user", "verified_by", "created_by", "region", "station"]
    # Standing changes only through the logged services (employer_verify / _suspend / _unsuspend).
    readonly_fields = [
        "verified_by",
        "verified_at",
        "suspended",
        "suspended_reason",
        "suspended_note",
    ]


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


class PlacementTransitionInline(admin.TabularInline):
    model = PlacementTransition
    extra = 0
    can_delete = False
    readonly_fields = ["at", "by", "from_state", "to_state", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    """Read placements here; state changes go through the app's pages (logged services)."""

    list_display = ["job", "seeker", "origin", "state", "station", "confirmed_at", "completed_at"]
    list_filter = ["state", "origin"]
    raw_id_fields = ["job", "seeker", "station", "created_by", "result_confirmed_by"]
    readonly_fields = ["state", "confirmed_at", "completed_at", "pay_per_day"]
    inlines = [PlacementTransitionInline]


@admin.register(WaitingEntry)
class WaitingEntryAdmin(admin.ModelAdmin):
    list_display = ["day", "station", "queue_number", "seeker"]
    list_filter = ["day"]
    raw_id_fields = ["station", "seeker", "signed_in_by"]
