"""Forms of the subsidies app: drafting a claim, receiving documents, each handling step, the export."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.forms import TEXT_MAX_LENGTH
from rights.forms import MultipleFileField
from seekers.models import Seeker
from stations.models import Station
from subsidies.models import Scheme


class DraftForm(forms.Form):
    """Who (register number or mobile), which scheme, which station handles it."""

    seeker = forms.CharField(
        label=_("Seeker number or mobile"),
        max_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    scheme = forms.ModelChoiceField(label=_("Scheme"), queryset=Scheme.objects.none())
    station = forms.ModelChoiceField(label=_("Handling station"), queryset=Station.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["scheme"].queryset = Scheme.objects.open_on(timezone.localdate())
        stations = Station.objects.writable_by(user).order_by("name")
        self.fields["station"].queryset = stations
        if stations.count() == 1:
            self.fields["station"].initial = stations.first()

    def clean_seeker(self) -> Seeker:
        raw = self.cleaned_data["seeker"].strip()
        found = Seeker.objects.visible_to(self.user).not_withdrawn().filter(models_q(raw)).first()
        if found is None:
            raise forms.ValidationError(_("No person with this number or mobile in the register."))
        return found


def models_q(raw: str):
    from django.db.models import Q

    return Q(number=raw) | Q(mobile=raw)


class DocumentsForm(forms.Form):
    name = forms.ChoiceField(label=_("Which document"))
    files = MultipleFileField(label=_("Files (photo or PDF)"))

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].choices = [(d, d) for d in claim.scheme.documents]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(forms.Form):
    """一次性告知: tick every missing document at once."""

    missing = forms.MultipleChoiceField(
        label=_("Everything missing"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Anything else missing or to correct"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["missing"].choices = [(d, d) for d in claim.scheme.documents]
        self.fields["missing"].initial = claim.still_missing()


class ApproveForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Approved amount (yuan)"),
        max_digits=10,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the person is told)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PayForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount paid (yuan)"), max_digits=10, decimal_places=2, min_value=0
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))


class ExportForm(forms.Form):
    month = forms.CharField(
        label=_("Month"), max_length=7, widget=forms.TextInput(attrs={"type": "month"})
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("csv", "CSV"), ("xlsx", "XLSX")], initial="csv"
    )

    def clean_month(self) -> datetime.date:
        try:
            return datetime.datetime.strptime(self.cleaned_data["month"], "%Y-%m").date()
        except ValueError as error:
            raise forms.ValidationError(_("Give the month as YYYY-MM.")) from error
