"""Admin of the feedback app: surveys, read-only."""

from django.contrib import admin

from feedback.models import Survey
from gigmarket.admin import ReadOnlyAdmin


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ("station", "context", "respondent", "asked_at", "answered_at")
    list_filter = ("context", "respondent")
