"""Django admin for stations (superusers only; county admins work in the site's own pages)."""

from django.contrib import admin

from gigmarket.admin import ReadOnlyAdmin
from stations.models import (
    OpeningException,
    OpeningHours,
    ServiceRecord,
    Station,
    StationAssignment,
    StationEvaluation,
    StationLog,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class OpeningExceptionInline(admin.TabularInline):
    model = OpeningException
    extra = 0


class AssignmentInline(admin.TabularInline):
    model = StationAssignment
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "operating_mode", "region", "floor_area", "active")
    list_filter = ("kind", "operating_mode", "active")
    search_fields = ("code", "name", "address")
    raw_id_fields = ("region",)
    # Retiring a site is a logged step (the registry page's "retire"), not a tick box.
    readonly_fields = ("active",)
    inlines = [OpeningHoursInline, OpeningExceptionInline, AssignmentInline]


@admin.register(ServiceRecord)
class ServiceRecordAdmin(ReadOnlyAdmin):
    list_display = ("at", "station", "kind", "staff", "subject_label")
    list_filter = ("kind",)
    raw_id_fields = ("station", "staff")
    date_hierarchy = "at"


@admin.register(StationEvaluation)
class StationEvaluationAdmin(admin.ModelAdmin):
    list_display = ("station", "year", "status", "total", "grade")
    list_filter = ("year", "status", "grade")
    raw_id_fields = ("station", "self_assessed_by", "evaluated_by")
    # The grade comes from the centre's evaluation (evaluation_record), which logs it.
    readonly_fields = (
        "status",
        "management",
        "workload_score",
        "business",
        "results",
        "attitude",
        "total",
        "grade",
        "evaluated_by",
        "evaluated_at",
    )


@admin.register(StationLog)
class StationLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "station", "from_state", "to_state", "by")
    raw_id_fields = ("station", "by")
