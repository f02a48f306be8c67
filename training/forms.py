"""Forms of the training app: they validate input; the services do the writing."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.forms import TEXT_MAX_LENGTH
from gigmarket.models import Occupation, Region
from stations.models import Station
from training.models import DemandOrder, Institution, Programme

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


def _kinds(label) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        Occupation.objects.kinds(),
        label=label,
        empty_label=_("— choose —"),
        to_field_name="code",
    )


class MonthField(forms.CharField):
    """A month as YYYY-MM (the browser's month picker), cleaned to its first day."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"type": "month", "placeholder": "2026-12"})
        )
        super().__init__(max_length=7, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        match = MONTH_RE.match(value.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValidationError(_("Enter a month such as 2026-12."))
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)


class ProgrammeFilterForm(forms.Form):
    """The public list's filters: kind of work and month."""

    occupation = forms.ModelChoiceField(
        Occupation.objects.kinds(),
        label=_("Kind of work"),
        required=False,
        empty_label=_("All kinds"),
        to_field_name="code",
    )
    month = MonthField(label=_("Month"), required=False)


class InstitutionForm(forms.Form):
    name = forms.CharField(label=_("Institution name"), max_length=100)
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=24, required=False
    )
    filing_number = forms.CharField(label=_("Filing number"), max_length=64, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=32, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=32, required=False)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Institution.objects.filter(name=name).exists():
            raise ValidationError(_("An institution with this name is already recorded."))
        return name


class ProgrammeForm(forms.Form):
    """Plan a programme (the admin publishes it once sessions are added)."""

    title = forms.CharField(label=_("Programme title"), max_length=100)
    occupation = _kinds(_("Occupation trained"))
    institution = forms.ModelChoiceField(
        Institution.objects.all(), label=_("Training institution"), empty_label=_("— choose —")
    )
    region = forms.ModelChoiceField(Region.objects.none(), label=_("Region"), empty_label=None)
    station = forms.ModelChoiceField(
        Station.objects.none(),
        label=_("Held at station"),
        required=False,
        empty_label=_("— not at a station —"),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Where the class meets, if not at a station."),
    )
    start_date = forms.DateField(label=_("First day"), widget=DATE)
    end_date = forms.DateField(label=_("Last day"), widget=DATE)
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500)
    fee = forms.DecimalField(
        label=_("Fee (yuan)"), min_value=0, max_digits=8, decimal_places=2, initial=0
    )
    subsidised = forms.BooleanField(label=_("Subsidised"), required=False)
    subsidy_amount = forms.DecimalField(
        label=_("Subsidy per person (yuan)"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        required=False,
    )
    eligibility = forms.ChoiceField(label=_("Who may join"), choices=Programme.Eligibility.choices)
    description = forms.CharField(
        label=_("What the class teaches"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, regions, stations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["station"].queryset = stations


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    starts = forms.TimeField(label=_("Starts"), widget=TIME)
    ends = forms.TimeField(label=_("Ends"), widget=TIME)
    topic = forms.CharField(label=_("Topic"), max_length=100, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why cancel"), max_length=200)


class ReferForm(forms.Form):
    note = forms.CharField(label=_("Note for the ledger"), max_length=200, required=False)


class CertifyForm(forms.Form):
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=64)
    certificate_date = forms.DateField(
        label=_("Certificate date"), widget=DATE, initial=timezone.localdate
    )


class DropForm(forms.Form):
    reason = forms.CharField(label=_("Why dropped"), max_length=200)


class DemandOrderForm(forms.Form):
    """What training is wanted: kind of work, how many people, which month, a note."""

    occupation = _kinds(_("Training wanted"))
    people = forms.IntegerField(label=_("How many people"), min_value=1, max_value=500, initial=1)
    month = MonthField(label=_("Wanted in month"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class StaffDemandOrderForm(DemandOrderForm):
    """Staff record an order on someone's behalf."""

    requester = forms.ChoiceField(label=_("Requested by"), choices=DemandOrder.Requester.choices)
    requester_label = forms.CharField(
        label=_("On behalf of"),
        max_length=100,
        help_text=_("An employer's name, or a person's family name only (e.g. 王女士)."),
    )
    station = forms.ModelChoiceField(Station.objects.none(), label=_("Station"), empty_label=None)

    def __init__(self, *args, stations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = stations


class ServeForm(forms.Form):
    programme = forms.ModelChoiceField(
        Programme.objects.none(), label=_("Covered by programme"), empty_label=_("— choose —")
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
