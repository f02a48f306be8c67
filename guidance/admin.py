"""Django admin of the guidance app: read-only (every write goes through guidance/services.py)."""

from django.contrib import admin

from gigmarket.admin import ReadOnlyAdmin
from guidance.models import InsuranceAdvice, Registration


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ("public_id", "kind", "station", "recorded_at", "reference")
    list_filter = ("kind",)
    exclude = ("seeker", "reason_note")


@admin.register(InsuranceAdvice)
class InsuranceAdviceAdmin(ReadOnlyAdmin):
    list_display = ("public_id", "status", "station", "created_at")
    list_filter = ("status",)
    exclude = ("seeker",)
