"""Forms of the reports app: which month and region to show, and publishing."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gigmarket.models import Region
from reports.selectors import Month, last_complete_month
from reports.services import refuse_unfinished


class MonthField(forms.CharField):
    """A calendar month typed as YYYY-MM (a month picker in browsers that have one)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-10"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return Month.parse(value)
        except ValueError as error:
            raise forms.ValidationError(
                _("Enter a month as year-month, for example 2026-10.")
            ) from error

    def prepare_value(self, value):
        return str(value) if isinstance(value, Month) else value


def regions_for(user) -> forms.models.QuerySet:
    """Regions a county admin may report on: their region and what lies below it (not villages)."""
    return Region.objects.within(user.region).exclude(level=Region.Level.VILLAGE)


class ReportChoiceForm(forms.Form):
    """Pick the month and region of a report (GET)."""

    month = MonthField(label=_("Month"), required=False)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=None,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["region"].queryset = regions_for(user)
        if user.region is None:
            self.fields["region"].empty_label = _("All regions")

    def chosen(self) -> tuple[Month, Region | None]:
        """The month and region asked for (last month and the user's region by default)."""
        data = self.cleaned_data if self.is_valid() else {}
        month = data.get("month") or last_complete_month()
        region = data.get("region") or self.user.region
        return month, region


class PublishForm(forms.Form):
    """Publish (or revise) the month's report for a region (POST)."""

    month = MonthField(label=_("Month"))
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), to_field_name="code", required=False
    )
    revise = forms.BooleanField(label=_("Publish a revision"), required=False)
    reason = forms.CharField(
        label=_("Reason for the revision"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed for a revision: what was corrected, so readers know why figures changed."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_for(user)
        self.user = user

    def clean_month(self):
        """Only a month that has ended may be published (the service's rule, said here first so
        that the message sits next to the field before anything is computed)."""
        month = self.cleaned_data.get("month")
        if month is not None:
            try:
                refuse_unfinished(month)
            except ValidationError as error:
                raise forms.ValidationError(error.message_dict["month"]) from error
        return month

    def clean_region(self):
        region = self.cleaned_data.get("region")
        if region is None and self.user.region is not None:
            return self.user.region
        return region
