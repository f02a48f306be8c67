"""Forms of the jobs app: they validate input; the services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gigmarket.forms import PASSWORD_MAX_LENGTH, bounded_formfield
from gigmarket.models import Industry, Occupation, Region
from jobs.models import Employer, Job, PostingRule
from jobs.services.postings import JOB_FIELDS
from stations.models import Station


def _places():
    """Townships (and counties) a job or an employer can be in."""
    return Region.objects.current().filter(level__in=["county", "township"]).order_by("code")


class EmployerRegisterForm(forms.Form):
    """An employer registers itself online with a mobile number and a password."""

    kind = forms.ChoiceField(label=_("I am"), choices=Employer.Kind.choices)
    name = forms.CharField(label=_("Name of the enterprise, shop or household"), max_length=100)
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=30,
        required=False,
        help_text=_("Enterprises only: the 18 characters on the business licence."),
    )
    contact_name = forms.CharField(label=_("Contact name"), max_length=32)
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("You will log in with this number."),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        max_length=PASSWORD_MAX_LENGTH,
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    region = forms.ModelChoiceField(label=_("Township"), queryset=Region.objects.none())
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=_(
            "I confirm the information is true and I will not post discriminatory or fraudulent jobs."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _places()

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class EmployerForm(forms.ModelForm):
    """Staff register or edit an employer."""

    credit_code_override = forms.CharField(
        label=_("Reason to accept a credit code failing its check"),
        max_length=200,
        required=False,
        help_text=_("Only if the code is right as printed on the licence."),
    )
    allow_same_mobile = forms.BooleanField(
        label=_("I checked the employer with the same mobile: this is a different one"),
        required=False,
    )

    class Meta:
        model = Employer
        fields = [
            "kind",
            "name",
            "credit_code",
            "contact_name",
            "contact_mobile",
            "region",
            "address",
            "industry",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _places()
        self.fields["contact_mobile"].max_length = 20
        self.fields["contact_mobile"].widget.attrs.update({"type": "tel", "maxlength": 20})
        self.fields["credit_code"].max_length = 30
        self.fields["credit_code"].widget.attrs["maxlength"] = 30


class EmployerSuspendForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Employer.SuspensionReason.choices)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class JobForm(forms.ModelForm):
    """A job order: what the work is, where, when, the pay and terms, who answers for it."""

    class Meta:
        model = Job
        fields = list(JOB_FIELDS)
        formfield_callback = bounded_formfield
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "valid_through": forms.DateInput(attrs={"type": "date"}),
            "content": forms.Textarea(attrs={"rows": 4}),
            "skills": forms.Textarea(attrs={"rows": 2}),
            "contact_phone": forms.TextInput(attrs={"type": "tel"}),
        }

    def __init__(self, *args, stations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].queryset = Occupation.objects.kinds()
        self.fields["industry"].queryset = Industry.objects.all()
        self.fields["industry"].help_text = _("Leave empty to use the employer's.")
        self.fields["region"].queryset = _places()
        self.fields["station"].queryset = (
            stations if stations is not None else Station.objects.active()
        )
        self.fields["station"].required = True
        self.fields["station"].help_text = _(
            "The station that publishes the job and answers for it."
        )
        # Not stating the insurance means there is none (an older form, an API client).
        self.fields["insurance_kind"].required = False

    def clean_insurance_kind(self) -> str:
        return self.cleaned_data.get("insurance_kind") or Job.Insurance.NONE


class StaffJobForm(JobForm):
    """Staff take a job order for an employer."""

    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Employer.objects.active())

    class Meta(JobForm.Meta):
        fields = ["employer", *JobForm.Meta.fields]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("What the employer must change"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApproveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you publish despite the warnings"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    lawful_reason = forms.CharField(
        label=_("Lawful reason for a limit by sex"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PostingRuleForm(forms.ModelForm):
    class Meta:
        model = PostingRule
        fields = ["category", "severity", "pattern", "note"]

    def __init__(self, *args, **kwargs):
        from jobs.checker import CATEGORIES

        super().__init__(*args, **kwargs)
        self.fields["category"] = forms.ChoiceField(
            label=_("Category"), choices=[(k, v[0]) for k, v in CATEGORIES.items()]
        )


# ---- matching ----


class SignInForm(forms.Form):
    """Staff sign a seeker in at the station (候工登记): scan the slip or type a mobile/number."""

    query = forms.CharField(
        label=_("Mobile, seeker number or scanned slip code"),
        max_length=200,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
    station = forms.ModelChoiceField(label=_("Station"), queryset=None, empty_label=None)

    def __init__(self, *args, stations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = stations
        if stations is not None and stations.count() == 1:
            self.fields["station"].widget = forms.HiddenInput()
            self.fields["station"].initial = stations.first()


YES_NO_UNKNOWN = [("", _("Not known yet")), ("yes", _("Yes")), ("no", _("No"))]


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


class ResultForm(forms.Form):
    """Result confirmation (结果确认): when the work ended, days and hours worked, pay agreed
    and paid."""

    end_date = forms.DateField(
        label=_("Work ended on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Not a day in the future: the result is recorded once the work is done."),
    )
    actual_days = forms.DecimalField(
        label=_("Days worked"), min_value=0, max_digits=6, decimal_places=1, required=False
    )
    actual_hours = forms.DecimalField(
        label=_("Hours worked"), min_value=0, max_digits=7, decimal_places=1, required=False
    )
    pay_amount = forms.DecimalField(
        label=_("Agreed pay (yuan)"), min_value=0, max_digits=10, decimal_places=2
    )
    pay_unit = forms.ChoiceField(label=_("Pay unit"), choices=Job.PayUnit.choices)
    paid_amount = forms.DecimalField(
        label=_("Amount paid (yuan)"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    paid_in_full = forms.TypedChoiceField(
        label=_("Paid in full?"),
        choices=YES_NO_UNKNOWN,
        coerce=_yes_no,
        empty_value=None,
        required=False,
    )
    paid_on_time = forms.TypedChoiceField(
        label=_("Paid on time?"),
        choices=YES_NO_UNKNOWN,
        coerce=_yes_no,
        empty_value=None,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("paid_amount") is not None and data.get("paid_in_full") is None:
            self.add_error("paid_in_full", _("Say whether the pay came in full."))
        return data


class SeekerResultForm(forms.Form):
    """The worker's own side of the result, from the phone."""

    paid_in_full = forms.TypedChoiceField(
        label=_("Did you get all the pay agreed?"),
        choices=[("yes", _("Yes, in full")), ("no", _("No, not all of it"))],
        coerce=_yes_no,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Anything to add"), max_length=200, required=False)


# ---- after the work: re-hire, re-post, weekly orders, ratings ----

_YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class NewDatesForm(forms.Form):
    """The dates a copied job needs (the old ones are not carried over)."""

    start_date = forms.DateField(
        label=_("start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("end date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_through = forms.DateField(
        label=_("valid through"),
        required=False,
        help_text=_("Empty: until the end date (or the start date)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class WeeklyForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Open a copy every week for"),
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
        coerce=int,
    )


class DoneForm(forms.Form):
    paid_in_full = forms.TypedChoiceField(
        label=_("Did you pay all that was agreed?"),
        choices=[("yes", _("Yes, in full")), ("no", _("No, not all of it"))],
        coerce=_yes_no,
        widget=forms.RadioSelect,
    )


class RehireAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])
    refuse_future = forms.BooleanField(
        label=_("Do not send me requests from this employer again"), required=False
    )


class RatingForm(forms.Form):
    """One side's rating: 1–5 and a comment; the worker's side also three yes/no questions."""

    score = forms.TypedChoiceField(
        label=_("Your rating (5 is best)"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    paid_as_agreed = forms.TypedChoiceField(
        label=_("Were you paid as agreed?"),
        choices=_YES_NO,
        coerce=_yes_no,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    safe = forms.TypedChoiceField(
        label=_("Was the work safe?"),
        choices=_YES_NO,
        coerce=_yes_no,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    as_described = forms.TypedChoiceField(
        label=_("Was the work as described?"),
        choices=_YES_NO,
        coerce=_yes_no,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Anything to add"), max_length=200, required=False)

    def __init__(self, *args, worker_side: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not worker_side:
            for name in ("paid_as_agreed", "safe", "as_described"):
                del self.fields[name]
