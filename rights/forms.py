"""Forms of the rights app: filing, looking a case up, and each handling step."""

from __future__ import annotations

import re
import unicodedata
import uuid
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gigmarket.forms import TEXT_MAX_LENGTH
from gigmarket.models import User
from gigmarket.validators import validate_mobile
from rights.evidence import check_upload, max_files
from rights.models import Kind, MissingItem, TransferTarget
from rights.services import NEEDS_RESPONDENT, UNKNOWN_AMOUNT_WORDS, required_for
from stations.models import Station

#: What each kind-dependent field says when it is missing (the service says the same).
MISSING_MESSAGES = {
    "respondent_text": _("Please say against whom: pick the employer or write its name."),
    "amount_owed": _(
        "Please give the amount you are owed, in yuan (or write 不清楚 if you do not know)."
    ),
    "people_affected": _("Please say how many people are owed wages (at least 1)."),
}

#: Which kinds need each field, for the page to mark them as soon as a kind is chosen.
REQUIRED_FOR_KINDS = {
    "respondent_text": sorted(NEEDS_RESPONDENT),
    "amount_owed": [Kind.UNPAID_WAGES],
    "people_affected": [Kind.UNPAID_WAGES],
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ComplaintForm(forms.Form):
    """A complaint filed from a phone (no account needed)."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # Bots fill every field; people never see this one (hidden by CSS and from screen readers).
    website = forms.CharField(required=False, max_length=200, label=_("Leave this empty"))
    kind = forms.ChoiceField(
        label=_("What is it about?"), choices=Kind.choices, widget=forms.RadioSelect
    )
    job = forms.IntegerField(required=False, widget=forms.HiddenInput)
    respondent_text = forms.CharField(
        label=_("Against whom"),
        max_length=200,
        required=False,
        help_text=_(
            "The employer, intermediary or person: name, and address or phone if you know them."
        ),
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("When and where you worked, what was agreed, what went wrong."),
    )
    amount_owed = forms.CharField(
        label=_("Amount owed (yuan)"),
        required=False,
        max_length=20,
        help_text=_(
            "Unpaid wages: required. The total still owed; if you do not know it, write 不清楚."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    people_affected = forms.IntegerField(
        label=_("People owed wages"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Unpaid wages: required. How many people, you included."),
    )
    evidence = MultipleFileField(
        label=_("Photos or PDF (optional)"),
        required=False,
        help_text=_(
            "Wage slips, chat records, the job advert, receipts: up to 5 files of 5 MB each."
        ),
    )
    name = forms.CharField(label=_("Your name"), max_length=64)
    mobile = forms.CharField(
        label=_("Your mobile"),
        max_length=20,
        help_text=_(
            "We call you about the case; with the tracking number it opens your case online."
        ),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    station = forms.ModelChoiceField(
        label=_("Which station should handle it"),
        queryset=Station.objects.none(),
        empty_label=_("Choose the station nearest to you"),
    )

    field_order = [
        "idempotency_key",
        "website",
        "kind",
        "job",
        "respondent_text",
        "description",
        "amount_owed",
        "people_affected",
        "evidence",
        "name",
        "mobile",
        "station",
    ]

    def __init__(self, *args, stations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = (
            stations if stations is not None else Station.objects.active()
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = uuid.uuid4().hex
        # Mark what the chosen kind needs: on the server for the kind sent or pre-chosen (so the
        # page says it without JavaScript), and in the page as soon as another kind is ticked.
        for name, kinds in REQUIRED_FOR_KINDS.items():
            self.fields[name].widget.attrs["data-required-for"] = " ".join(kinds)
            self.fields[name].error_messages["required"] = MISSING_MESSAGES[name]
        source = self.data if self.is_bound else self.initial
        kind = source.get("kind") or ""
        for name in required_for(kind, respondent_known=bool(source.get("job"))):
            self.fields[name].required = True

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    # The service checks the same again; checking here too names every problem in one answer.
    def clean_mobile(self) -> str:
        return validate_mobile(self.cleaned_data.get("mobile") or "")

    def clean_evidence(self) -> list:
        files = self.cleaned_data.get("evidence") or []
        if len(files) > max_files():
            raise forms.ValidationError(
                _("At most %(n)d files can be attached.") % {"n": max_files()}
            )
        problems = []
        for upload in files:
            try:
                check_upload(upload)
            except forms.ValidationError as error:
                problems.extend(error.messages)
        if problems:
            raise forms.ValidationError(problems)
        return files

    def clean_amount_owed(self) -> Decimal | None:
        """A sum in yuan ("3200", "3,200元", full-width digits), or a word for "not known"."""
        raw = unicodedata.normalize("NFKC", self.cleaned_data.get("amount_owed") or "").strip()
        self.amount_unknown = raw.lower() in UNKNOWN_AMOUNT_WORDS
        if not raw or self.amount_unknown:
            return None
        number = re.sub(r"[,\s元¥￥]|rmb|RMB", "", raw)
        try:
            amount = Decimal(number)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Write the amount as a number of yuan, e.g. 3200, or write 不清楚.")
            ) from None
        if not amount.is_finite() or amount >= Decimal("1e10"):
            raise forms.ValidationError(
                _("Write the amount as a number of yuan, e.g. 3200, or write 不清楚.")
            )
        if amount < 0:
            raise forms.ValidationError(_("The amount cannot be negative."))
        return amount.quantize(Decimal("0.01"))

    def clean(self):
        cleaned = super().clean()
        cleaned["amount_unknown"] = getattr(self, "amount_unknown", False)
        self._drop_requirements_met(cleaned)
        # 一次性告知: one message naming everything still missing, above the form.
        missing = [
            str(self.fields[name].label)
            for name, errors in self.errors.as_data().items()
            if name in self.fields and any(e.code == "required" for e in errors)
        ]
        if missing:
            raise forms.ValidationError(
                format_lazy(_("Still missing: {fields}."), fields="、".join(missing)),
                code="missing",
            )
        return cleaned

    def _drop_requirements_met(self, cleaned) -> None:
        """A requirement met another way (an employer picked at the window) is no error."""


class StaffComplaintForm(ComplaintForm):
    """A complaint taken at the window: the staff member is the first responder."""

    employer = forms.ModelChoiceField(
        label=_("Employer in the system"),
        queryset=None,
        required=False,
        empty_label=_("Not in the system (write below)"),
    )

    field_order = ["employer", *ComplaintForm.field_order]

    def __init__(self, *args, employers=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        self.fields["employer"].queryset = employers
        self.fields["name"].label = _("Complainant's name")
        self.fields["mobile"].label = _("Complainant's mobile")
        self.fields["station"].empty_label = None

    @property
    def is_bot(self) -> bool:
        return False

    def _drop_requirements_met(self, cleaned) -> None:
        if cleaned.get("employer") and self.errors.pop("respondent_text", None):
            cleaned["respondent_text"] = ""


class TrackForm(forms.Form):
    """Tracking number + mobile open a case; both are needed."""

    number = forms.CharField(
        label=_("Tracking number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    mobile = forms.CharField(
        label=_("Mobile used when filing"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with the handling?"),
        coerce=int,
        choices=[
            (5, _("5 · very satisfied")),
            (4, _("4 · satisfied")),
            (3, _("3 · so-so")),
            (2, _("2 · dissatisfied")),
            (1, _("1 · very dissatisfied")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything to add? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoticeForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("Everything that is missing"),
        choices=MissingItem.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Anything else missing"), required=False, max_length=200)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is not accepted"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    refer_to = forms.CharField(
        label=_("Where to go instead"),
        max_length=200,
        help_text=_("e.g. the labour dispute arbitration committee, with its address and phone."),
    )


class ResolveForm(forms.Form):
    outcome = forms.CharField(
        label=_("What was done"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    recovered_amount = forms.DecimalField(
        label=_("Wages recovered (yuan)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    recovered_people = forms.IntegerField(label=_("People paid"), required=False, min_value=0)


class TransferForm(forms.Form):
    to = forms.ChoiceField(label=_("Transfer to"), choices=TransferTarget.choices)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=500)


class HandOverForm(forms.Form):
    to_user = forms.ModelChoiceField(label=_("Hand over to"), queryset=User.objects.none())
    reason = forms.CharField(label=_("Reason for the hand-over"), max_length=200)

    def __init__(self, *args, colleagues=None, **kwargs):
        super().__init__(*args, **kwargs)
        if colleagues is not None:
            self.fields["to_user"].queryset = colleagues


class ReassignForm(forms.Form):
    station = forms.ModelChoiceField(
        label=_("Send to station"), queryset=Station.objects.none(), empty_label=None
    )
    reason = forms.CharField(label=_("Why"), max_length=200)

    def __init__(self, *args, stations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if stations is not None:
            self.fields["station"].queryset = stations


class CloseJobForm(forms.Form):
    reason = forms.CharField(label=_("Why the job comes off the board"), max_length=200)


class EvidenceForm(forms.Form):
    evidence = MultipleFileField(label=_("Add files (photos or PDF)"))


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("Name"), max_length=32, help_text=_("e.g. 国庆节"))
    is_working_day = forms.BooleanField(
        label=_("A weekend day worked in lieu"),
        required=False,
        help_text=_("Leave unticked for a day off."),
    )
