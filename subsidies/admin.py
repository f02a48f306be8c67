"""Django admin for subsidy schemes (configuration; claims are handled on the desk's pages)."""

from django.contrib import admin

from subsidies.models import Scheme


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "code",
        "rule",
        "rule_value",
        "amount",
        "valid_from",
        "valid_until",
        "active",
    )
    list_filter = ("rule", "active")
    search_fields = ("name", "code")
