"""Django admin (superusers) for the rights app's configuration: deadlines by kind and holidays."""

from django.contrib import admin

from rights.models import Holiday, KindDeadline


@admin.register(KindDeadline)
class KindDeadlineAdmin(admin.ModelAdmin):
    list_display = ("kind", "working_days")


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name", "is_working_day")
    list_filter = ("is_working_day",)
