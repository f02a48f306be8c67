"""Django admin for the kernel's records (for superusers; staff work in the site's own pages)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from gigmarket.models import (
    Industry,
    Message,
    MessageAttempt,
    MessageOptOut,
    Occupation,
    PersonalDataAccess,
    Region,
    User,
)


class NoWrites:
    """Shown in the admin, never added, changed or deleted there."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(NoWrites, admin.ModelAdmin):
    """Read here, never written here: the record is made and changed only through its service
    (which checks its rules, takes its locks and logs who did it) on the site's own pages."""


class ReadOnlyInline(NoWrites, admin.TabularInline):
    """An inline of a ``ReadOnlyAdmin``: shown, never added, changed or deleted here."""

    extra = 0


@admin.register(User)
class GigUserAdmin(UserAdmin):
    list_display = ("username", "display_name", "kind", "region", "is_active")
    list_filter = ("kind", "is_active", "groups")
    fieldsets = UserAdmin.fieldsets + (
        ("零工市场", {"fields": ("kind", "display_name", "phone", "region")}),
    )
    raw_id_fields = ("region",)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "retired")
    list_filter = ("level", "retired")
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "parent", "aliases")
    search_fields = ("code", "name", "aliases")


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "record_label", "purpose")


class MessageAttemptInline(ReadOnlyInline):
    model = MessageAttempt
    fields = ("at", "outcome", "code", "detail")


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ("key", "kind", "channel", "state", "created_at", "sent_at", "attempts")
    list_filter = ("state", "kind", "channel")
    exclude = ("to", "variables", "text")
    inlines = [MessageAttemptInline]


@admin.register(MessageOptOut)
class MessageOptOutAdmin(ReadOnlyAdmin):
    list_display = ("kind", "how", "at")
    exclude = ("to",)
