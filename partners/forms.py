"""Forms of the partners app: registering and referring a person; the station's answers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Referral
from seekers.forms import MobileField, ResidentIdField, _occupation_field
from stations.models import Station


class ReferForm(forms.Form):
    """Register a neighbour on their behalf, with their signed consent, and refer them to a station."""

    name = forms.CharField(label=_("Full name"), max_length=64)
    mobile = MobileField()
    primary_occupation = _occupation_field()
    id_number = ResidentIdField()
    station = forms.ModelChoiceField(Station.objects.none(), label=_("Refer to station"))
    purpose = forms.ChoiceField(label=_("Referred for"), choices=Referral.Purpose.choices)
    note = forms.CharField(
        label=_("Note for the station"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent_file = forms.FileField(
        label=_("Consent slip signed by the person (photo or PDF)"),
        help_text=_(
            "Print the consent slip, read it to the person, have them sign it, and take a photo."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    def __init__(self, *args, stations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = (
            stations if stations is not None else Station.objects.none()
        )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome (the partner reads it)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
