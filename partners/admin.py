"""Django admin for partner organisations and their users (configuration, audited)."""

from django.contrib import admin

from partners.models import Partner, PartnerMember


class PartnerMemberInline(admin.TabularInline):
    model = PartnerMember
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "active")
    list_filter = ("kind", "active")
    search_fields = ("name",)
    inlines = [PartnerMemberInline]
