"""Forms of the stations app: they validate input; the services decide."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.forms import TEXT_MAX_LENGTH, add_service_errors, capped_formset_factory
from gigmarket.models import Region, User
from gigmarket.roles import Role
from gigmarket.widgets import QuickSelect
from stations import scoring
from stations.models import (
    OpeningException,
    OpeningHours,
    ServiceRecord,
    Station,
    StationAssignment,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


apply_errors = add_service_errors


class StationForm(forms.ModelForm):
    """The registry fields a county admin keeps."""

    facilities = forms.MultipleChoiceField(
        label=_("facilities"),
        choices=Station.Facility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    services = forms.MultipleChoiceField(
        label=_("services offered"),
        choices=Station.Service.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Station
        fields = [
            "code",
            "name",
            "kind",
            "focus",
            "region",
            "address",
            "operating_mode",
            "operator_name",
            "floor_area",
            "service_phone",
            "complaint_phone",
            "latitude",
            "longitude",
            "datum",
            "facilities",
            "services",
            "hours_note",
            "opened_on",
            "closed_on",
            "naming_note",
        ]
        widgets = {
            "opened_on": DATE,
            "closed_on": DATE,
            "service_phone": forms.TextInput(attrs={"type": "tel"}),
            "complaint_phone": forms.TextInput(attrs={"type": "tel"}),
        }
        help_texts = {
            "name": _(
                "Rule: place + focus + 零工市场 (market) or 零工驿站 (station), "
                "e.g. 城关街道家政零工驿站."
            ),
            "naming_note": _("Only when the name has to depart from the rule."),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.current().filter(level__in=["county", "township", "village"])
        if not user.is_superuser:
            regions = regions.within(user.region)
        self.fields["region"].queryset = regions
        if self.instance.pk:
            self.fields["code"].disabled = True


class HoursRuleForm(forms.Form):
    """One weekly rule: some weekdays, open from … to …"""

    days = forms.TypedMultipleChoiceField(
        label=_("days"),
        choices=OpeningHours.Weekday.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    opens = forms.TimeField(label=_("opens"), widget=TIME, required=False)
    closes = forms.TimeField(label=_("closes"), widget=TIME, required=False)

    def clean(self):
        data = super().clean()
        filled = [
            bool(data.get("days")),
            data.get("opens") is not None,
            data.get("closes") is not None,
        ]
        if any(filled) and not all(filled):
            raise forms.ValidationError(
                _("Tick the days and give both times, or leave the row empty.")
            )
        return data


HoursFormSet = capped_formset_factory(HoursRuleForm, extra=2, max_num=14)


class OpeningExceptionForm(forms.ModelForm):
    class Meta:
        model = OpeningException
        fields = ["date", "closed", "opens", "closes", "note"]
        widgets = {"date": DATE, "opens": TIME, "closes": TIME}

    def validate_unique(self):
        """A second exception on the same day replaces the first (the service decides)."""


class AssignForm(forms.Form):
    user = forms.ModelChoiceField(label=_("staff member"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("role"), choices=StationAssignment.Role.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.staff_accounts()
            .with_role(Role.STATION_STAFF)
            .order_by("username")
            .distinct()
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class LedgerEntryForm(forms.Form):
    """The quick form: a consultation is the default, the note is optional."""

    kind = forms.ChoiceField(
        label=_("kind"), choices=ServiceRecord.Kind.choices, initial=ServiceRecord.Kind.CONSULTATION
    )
    subject_label = forms.CharField(
        label=_("about (optional)"),
        max_length=100,
        required=False,
        help_text=_("No full names or phone numbers: e.g. 张** or a job title."),
    )
    note = forms.CharField(label=_("note (optional)"), max_length=500, required=False)


class LedgerFilterForm(forms.Form):
    start = forms.DateField(label=_("start date"), widget=DATE, required=False)
    end = forms.DateField(label=_("end date"), widget=DATE, required=False)
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("All kinds")), *ServiceRecord.Kind.choices]
    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        data["start"] = data.get("start") or today
        data["end"] = data.get("end") or max(today, data["start"])
        if data["end"] < data["start"]:
            raise forms.ValidationError(_("The end date is before the start date."))
        if (data["end"] - data["start"]).days > 366:
            raise forms.ValidationError(_("Choose at most one year at a time."))
        return data


class SelfAssessmentForm(forms.Form):
    """The self-assessment: a report, and the year's services by kind (pre-filled from the ledger)."""

    summary = forms.CharField(
        label=_("self-assessment"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Management, services given, results, problems and plans for next year."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in ServiceRecord.Kind.choices:
            self.fields[kind] = forms.IntegerField(
                label=label,
                min_value=0,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def workload(self, ledger: dict[str, int]) -> dict[str, int]:
        """The reported figures; a field left empty takes the ledger's figure."""
        return {
            kind: ledger.get(kind, 0)
            if self.cleaned_data.get(kind) is None
            else self.cleaned_data[kind]
            for kind in ServiceRecord.Kind.values
        }


class EvaluationForm(forms.Form):
    comment = forms.CharField(
        label=_("centre's comment"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        weights = scoring.weights()
        scores = {}
        for key, (_field, label) in scoring.CRITERIA.items():
            scores[key] = forms.DecimalField(
                label=_("%(criterion)s (out of %(max)s)")
                % {"criterion": label, "max": weights[key]},
                min_value=0,
                max_value=weights[key],
                decimal_places=1,
                max_digits=5,
            )
        self.fields = {**scores, "comment": self.fields["comment"]}


class DirectoryForm(forms.Form):
    """The public directory's filters: a township, or the person's location (nearest first)."""

    township = forms.ModelChoiceField(
        label=_("township"),
        queryset=Region.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All townships"),
        widget=QuickSelect,
    )
    open_now = forms.BooleanField(label=_("open now only"), required=False)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def __init__(self, *args, townships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = townships


def current_year() -> int:
    return timezone.localdate().year


def evaluation_year() -> int:
    """The year being evaluated: last year until the end of March, then this year."""
    today = timezone.localdate()
    return today.year - 1 if today.month <= 3 else today.year


def year_choices() -> list[int]:
    year = current_year()
    return [year - 2, year - 1, year]


def this_week() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday()), today
