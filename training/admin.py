"""Django admin for training (superusers only; county admins and staff work in the site's own pages)."""

from django.contrib import admin

from gigmarket.admin import ReadOnlyAdmin, ReadOnlyInline
from training.models import (
    DemandOrder,
    DemandOrderTransition,
    Institution,
    Programme,
    ProgrammeTransition,
    Referral,
    ReferralTransition,
    Session,
)


class SessionInline(ReadOnlyInline):
    model = Session


class ProgrammeTransitionInline(admin.TabularInline):
    model = ProgrammeTransition
    extra = 0
    can_delete = False
    readonly_fields = ("at", "by", "from_state", "to_state", "reason")


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "filing_number", "contact_name", "contact_phone")
    search_fields = ("name", "credit_code", "filing_number")


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    """Read-only: programmes are planned, changed and published on the site's pages
    (programme_create / programme_update / session_add), which check seats and log each step."""

    list_display = (
        "title",
        "occupation",
        "institution",
        "start_date",
        "end_date",
        "capacity",
        "status",
    )
    list_filter = ("status", "subsidised")
    search_fields = ("title",)
    raw_id_fields = ("region", "station", "created_by")
    inlines = [SessionInline, ProgrammeTransitionInline]


class ReferralTransitionInline(admin.TabularInline):
    model = ReferralTransition
    extra = 0
    can_delete = False
    readonly_fields = ("at", "by", "from_state", "to_state", "reason")


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    """Read-mostly: states change through the site's pages (one service per step)."""

    list_display = ("programme", "seeker", "origin", "status", "created_at")
    list_filter = ("status", "origin")
    raw_id_fields = ("programme", "seeker", "station", "created_by")
    # A seat is taken only under the programme's row lock (referral_refer / referral_sign_up), and
    # every step is logged: nothing here may add a referral or move it to another class or person.
    readonly_fields = (
        "programme",
        "seeker",
        "origin",
        "status",
        "certificate_number",
        "certificate_date",
        "drop_reason",
    )
    inlines = [ReferralTransitionInline]

    def has_add_permission(self, request) -> bool:
        return False


class DemandOrderTransitionInline(admin.TabularInline):
    model = DemandOrderTransition
    extra = 0
    can_delete = False
    readonly_fields = ("at", "by", "from_state", "to_state", "reason")


@admin.register(DemandOrder)
class DemandOrderAdmin(ReadOnlyAdmin):
    """Read-only: demand orders are recorded and served on the site's pages (demand_order_create
    and its steps), which set the region and requester and log each step."""

    list_display = ("occupation", "people", "month", "requester", "requester_label", "status")
    list_filter = ("status", "requester")
    raw_id_fields = ("seeker", "employer", "region", "station", "served_by", "created_by")
    inlines = [DemandOrderTransitionInline]
