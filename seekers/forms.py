"""Forms of the seeker register: they validate input; the services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gigmarket.forms import PASSWORD_MAX_LENGTH, capped_formset_factory
from gigmarket.models import Industry, Occupation, Region
from gigmarket.validators import validate_mobile, validate_resident_id
from seekers.models import PriorityGroup, Seeker, Skill, TimeSlot, Weekday, WorkNature
from stations.models import Station

MOBILE_ATTRS = {"inputmode": "numeric", "autocomplete": "tel", "type": "tel", "maxlength": "20"}


def _occupation_field(required: bool = True, label=None) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        Occupation.objects.kinds(),
        label=label or _("Main kind of work wanted"),
        required=required,
        empty_label=_("— choose —"),
    )


def _checkboxes(choices, label, required=False) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        label=label,
        required=required,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
    )


class MobileField(forms.CharField):
    """A mainland mobile number, normalised (full-width digits, spaces, +86 folded)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile"))
        super().__init__(max_length=20, widget=forms.TextInput(attrs=MOBILE_ATTRS), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return validate_mobile(value) if value else value


class ResidentIdField(forms.CharField):
    """A resident ID number (optional), checked digit by digit."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Resident ID number"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Optional. Gender and birth date are read from it."))
        super().__init__(
            max_length=24, widget=forms.TextInput(attrs={"autocomplete": "off"}), **kwargs
        )

    def clean(self, value):
        value = super().clean(value)
        return validate_resident_id(value) if value else ""


class WalkInForm(forms.Form):
    """Register a person at the window: one screen, the essentials first, sensible defaults."""

    name = forms.CharField(
        label=_("Full name"), max_length=64, widget=forms.TextInput(attrs={"autofocus": True})
    )
    mobile = MobileField()
    primary_occupation = _occupation_field()
    id_number = ResidentIdField()
    priority_groups = _checkboxes(PriorityGroup.choices, _("Priority groups"))
    work_natures = _checkboxes(WorkNature.choices, _("Natures of work"))
    min_daily_pay = forms.DecimalField(
        label=_("Lowest acceptable daily pay (yuan)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )
    skill_level = forms.ChoiceField(
        label=_("Skill level in that work"), choices=Skill.Level.choices, required=False
    )
    skill_certificate = forms.CharField(
        label=_("Certificate number"), max_length=64, required=False
    )
    skill_years = forms.IntegerField(
        label=_("Years of experience"), min_value=0, max_value=70, required=False
    )
    station = forms.ModelChoiceField(Station.objects.none(), label=_("Station"), empty_label=None)
    consent = forms.BooleanField(
        label=_("The person has been told the privacy notice and agrees"),
        error_messages={
            "required": _("The person must agree to the privacy notice before we keep their data.")
        },
    )

    def __init__(self, *args, stations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = (
            stations if stations is not None else Station.objects.none()
        )
        self.fields["work_natures"].initial = [WorkNature.DAILY, WorkNature.HOURLY]

    def details(self) -> dict:
        data = self.cleaned_data
        return {key: data.get(key) for key in ("priority_groups", "work_natures", "min_daily_pay")}

    def skills(self) -> list[dict]:
        data = self.cleaned_data
        if not (
            data.get("skill_level") or data.get("skill_certificate") or data.get("skill_years")
        ):
            return []
        return [
            {
                "occupation": data["primary_occupation"],
                "level": data.get("skill_level") or "",
                "certificate_number": data.get("skill_certificate") or "",
                "years": data.get("skill_years") or 0,
            }
        ]


class SeekerDetailsForm(forms.Form):
    """Correct a seeker's details (the seeker themself, or staff of the home station)."""

    name = forms.CharField(label=_("Full name"), max_length=64)
    mobile = MobileField()
    id_number = ResidentIdField(
        help_text=_(
            "Leave empty if you do not want to give it. Gender and birth date are read from it."
        )
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", "—"), *Seeker.Gender.choices],
        required=False,
        help_text=_("Only used when no ID number is given."),
    )
    birth_date = forms.DateField(
        label=_("Birth date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only used when no ID number is given."),
    )
    home_region = forms.ModelChoiceField(
        Region.objects.none(),
        label=_("Home town or street"),
        required=False,
        empty_label=_("— choose —"),
    )
    address = forms.CharField(label=_("Home address"), max_length=200, required=False)
    education = forms.ChoiceField(
        label=_("Education"), choices=[("", "—"), *Seeker.Education.choices], required=False
    )
    household = forms.ChoiceField(
        label=_("Household type"), choices=[("", "—"), *Seeker.Household.choices], required=False
    )
    priority_groups = _checkboxes(PriorityGroup.choices, _("Priority groups"))
    primary_occupation = _occupation_field()
    other_occupations = forms.ModelMultipleChoiceField(
        Occupation.objects.kinds(),
        label=_("Other kinds of work"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
    )
    intended_industry = forms.ModelChoiceField(
        Industry.objects.all(),
        label=_("Intended industry"),
        required=False,
        empty_label=_("— not sure —"),
    )
    work_natures = _checkboxes(WorkNature.choices, _("Natures of work"))
    available_days = _checkboxes(Weekday.choices, _("Days available"))
    available_slots = _checkboxes(TimeSlot.choices, _("Hours available"))
    min_daily_pay = forms.DecimalField(
        label=_("Lowest acceptable daily pay (yuan)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )
    travel_km = forms.IntegerField(
        label=_("How far you will travel (km)"), required=False, min_value=0, max_value=500
    )
    home_station = forms.ModelChoiceField(
        Station.objects.none(), label=_("Home station"), required=False
    )

    def __init__(self, *args, stations=None, regions=None, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_station"].queryset = (
            stations if stations is not None else Station.objects.active()
        )
        self.fields["home_region"].queryset = (
            regions if regions is not None else Region.objects.current().townships()
        )
        if not staff:
            # Priority groups are verified by staff, not self-declared.
            del self.fields["priority_groups"]

    @staticmethod
    def initial_for(seeker: Seeker) -> dict:
        return {
            "name": seeker.name,
            "mobile": seeker.mobile,
            "id_number": seeker.id_number if seeker.id_number_encrypted else "",
            "gender": seeker.gender,
            "birth_date": seeker.birth_date,
            "home_region": seeker.home_region,
            "address": seeker.address,
            "education": seeker.education,
            "household": seeker.household,
            "priority_groups": seeker.priority_groups,
            "primary_occupation": seeker.primary_occupation,
            "other_occupations": list(seeker.other_occupations.all()),
            "intended_industry": seeker.intended_industry,
            "work_natures": seeker.work_natures,
            "available_days": seeker.available_days,
            "available_slots": seeker.available_slots,
            "min_daily_pay": seeker.min_daily_pay,
            "travel_km": seeker.travel_km,
            "home_station": seeker.home_station,
        }

    def details(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("mobile", "id_number")}


class SkillForm(forms.Form):
    """One skill row; a row with no kind of work is ignored (that is how a skill is removed)."""

    occupation = _occupation_field(required=False, label=_("Kind of work"))
    level = forms.ChoiceField(label=_("Level"), choices=Skill.Level.choices, required=False)
    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=64, required=False
    )
    years = forms.IntegerField(
        label=_("Years of experience"), min_value=0, max_value=70, required=False
    )


SkillFormSet = capped_formset_factory(SkillForm, extra=1, max_num=10)


class RenewForm(forms.Form):
    """Renew a registration: confirm the main kind of work wanted (and industry, if any)."""

    primary_occupation = _occupation_field()
    intended_industry = forms.ModelChoiceField(
        Industry.objects.all(),
        label=_("Intended industry"),
        required=False,
        empty_label=_("— not sure —"),
    )


class RevealForm(forms.Form):
    """Why another station's staff member needs to see this person's full data (logged)."""

    purpose = forms.CharField(
        label=_("Purpose of viewing"),
        max_length=200,
        help_text=_(
            "Say why you need the full details, e.g. “calling about a cleaning job today”. It is logged."
        ),
    )


class StatusForm(forms.Form):
    to = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (s.value, s.label)
            for s in (Seeker.Status.SEEKING, Seeker.Status.WORKING, Seeker.Status.PAUSED)
        ],
    )
    long_term = forms.BooleanField(
        label=_("Placed in long-term work (ends the seeking period)"), required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class ContactForm(forms.Form):
    note = forms.CharField(
        label=_("What was discussed"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, mobile (full or 138****8000), ID number or seeker number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class _PasswordPair(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("password1")
            and data.get("password2")
            and data["password1"] != data["password2"]
        ):
            self.add_error("password2", _("The two passwords are not the same."))
        return data


class SelfRegisterForm(_PasswordPair):
    """Self-registration on a phone: the short form (details can be added later)."""

    field_order = [
        "name",
        "mobile",
        "password1",
        "password2",
        "primary_occupation",
        "home_station",
        "consent",
    ]

    name = forms.CharField(label=_("Full name"), max_length=64)
    mobile = MobileField(help_text=_("You log in with this number."))
    primary_occupation = _occupation_field(label=_("What work do you want?"))
    home_station = forms.ModelChoiceField(
        Station.objects.none(),
        label=_("Station nearest to you"),
        required=False,
        empty_label=_("— not sure —"),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree"),
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_station"].queryset = Station.objects.active()


class ClaimForm(_PasswordPair):
    """Open the online account of a walk-in registration with the code on the slip."""

    field_order = ["mobile", "code", "password1", "password2"]

    mobile = MobileField()
    code = forms.CharField(
        label=_("Code on your registration slip"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, erase my personal data and close my account"))
    reason = forms.CharField(label=_("Reason (optional)"), max_length=200, required=False)


class StaffWithdrawForm(forms.Form):
    """A person asks at the window to be removed from the register."""

    confirm = forms.BooleanField(label=_("The person asked for their data to be erased"))
    reason = forms.CharField(
        label=_("How they asked"),
        max_length=200,
        help_text=_("E.g. “asked in person at the window, 21 Nov”."),
    )


class JobAlertForm(forms.Form):
    """What new jobs to be texted about, chosen from the registration's kinds of work."""

    active = forms.BooleanField(
        label=_("Text me new jobs that match (at most one message a day)"), required=False
    )
    occupations = forms.ModelMultipleChoiceField(
        queryset=Occupation.objects.none(),
        label=_("Kinds of work"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
    )
    townships = forms.ModelMultipleChoiceField(
        queryset=Region.objects.none(),
        label=_("Townships (none ticked: anywhere in the county)"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
    )
    min_daily_pay = forms.DecimalField(
        label=_("Lowest daily pay (yuan)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
    )
    days = _checkboxes(Weekday.choices, _("Days I can work (none ticked: any day)"))
    at_once = forms.BooleanField(
        label=_("Also text me at once about jobs that start today"), required=False
    )

    def __init__(self, *args, seeker, **kwargs):
        from django.conf import settings

        from seekers.services import intent_occupations

        alert = getattr(seeker, "job_alert", None) if seeker.pk else None
        if alert is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "active": alert.active,
                "occupations": list(alert.occupations.all()),
                "townships": list(alert.townships.all()),
                "min_daily_pay": alert.min_daily_pay,
                "days": alert.days,
                "at_once": alert.at_once,
            }
        elif "initial" not in kwargs:
            kwargs["initial"] = {
                "occupations": list(intent_occupations(seeker)),
                "min_daily_pay": seeker.min_daily_pay,
                "days": seeker.available_days,
            }
        super().__init__(*args, **kwargs)
        self.fields["occupations"].queryset = intent_occupations(seeker)
        self.fields["townships"].queryset = (
            Region.objects.current()
            .townships()
            .filter(code__startswith=settings.SITE_REGION_CODE)
            .order_by("code")
        )
