"""Forms of the guidance app (validation of shape only; the rules live in the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gigmarket.forms import bounded_formfield
from guidance.models import Guidance, InsuranceAdvice, PlanStep, Registration

DATE = forms.DateInput(attrs={"type": "date"})


class SeekerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find the person"),
        max_length=64,
        required=False,
        help_text=_("Mobile, seeker number, ID number or name."),
    )


class GuidanceForm(forms.ModelForm):
    """The assessment, the goals and the first agreed steps of the plan."""

    job_step = forms.CharField(
        label=_("A job to try"),
        max_length=200,
        required=False,
        help_text=_("For example: the warehouse loading job at the county logistics park."),
    )
    documents_step = forms.CharField(
        label=_("Documents to bring"),
        max_length=200,
        required=False,
        help_text=_("For example: ID card and the electrician certificate."),
    )
    programme = forms.ModelChoiceField(
        label=_("Refer to training"),
        queryset=None,
        required=False,
        help_text=_("A programme taking people now; the referral holds a seat."),
    )
    follow_up_on = forms.DateField(
        label=_("Follow-up date"),
        required=False,
        widget=DATE,
        help_text=_("When staff call or see the person again; it appears on the workbench."),
    )

    class Meta:
        model = Guidance
        fields = [
            "work_history",
            "skills",
            "health_limits",
            "availability",
            "transport",
            "wants",
            "goals",
        ]
        formfield_callback = bounded_formfield
        widgets = {
            "work_history": forms.Textarea(attrs={"rows": 2}),
            "skills": forms.Textarea(attrs={"rows": 2}),
            "health_limits": forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
            "wants": forms.Textarea(attrs={"rows": 2}),
            "goals": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].label_from_instance = lambda p: f"{p.title} · {p.start_date:%m-%d}"

    def steps(self) -> list[dict]:
        """The plan's first steps from the form (the training referral is made separately)."""
        data = self.cleaned_data
        steps = []
        if data.get("job_step"):
            steps.append({"kind": PlanStep.Kind.JOB, "text": data["job_step"]})
        if data.get("documents_step"):
            steps.append({"kind": PlanStep.Kind.DOCUMENTS, "text": data["documents_step"]})
        if data.get("follow_up_on"):
            steps.append(
                {
                    "kind": PlanStep.Kind.FOLLOW_UP,
                    "text": str(_("Follow-up")),
                    "due_on": data["follow_up_on"],
                }
            )
        return steps


class AssessmentForm(forms.ModelForm):
    """Change the assessment and goals (the health limits are changed on their own, after viewing)."""

    class Meta:
        model = Guidance
        fields = ["work_history", "skills", "availability", "transport", "wants", "goals"]
        formfield_callback = bounded_formfield
        widgets = {
            "work_history": forms.Textarea(attrs={"rows": 2}),
            "skills": forms.Textarea(attrs={"rows": 2}),
            "wants": forms.Textarea(attrs={"rows": 2}),
            "goals": forms.Textarea(attrs={"rows": 2}),
        }


class StepForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of step"),
        choices=[c for c in PlanStep.Kind.choices if c[0] != PlanStep.Kind.TRAINING],
    )
    text = forms.CharField(label=_("What to do"), max_length=200)
    due_on = forms.DateField(label=_("By"), required=False, widget=DATE)


class ReferForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None)

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].label_from_instance = lambda p: f"{p.title} · {p.start_date:%m-%d}"


class StepDoneForm(forms.Form):
    done = forms.BooleanField(required=False)
    outcome = forms.CharField(label=_("What came of it"), max_length=300, required=False)


class FollowUpForm(forms.Form):
    note = forms.CharField(
        label=_("What you learnt"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_on = forms.DateField(label=_("Next follow-up"), required=False, widget=DATE)


class RevealForm(forms.Form):
    purpose = forms.CharField(
        label=_("Why you need to see it"),
        max_length=200,
        help_text=_("Logged for the auditor."),
    )


class RegistrationForm(forms.ModelForm):
    """Employment (employer, start date) or unemployment (date, reason) registration help."""

    placement = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Registration
        fields = [
            "kind",
            "employer_name",
            "employer_credit_code",
            "start_date",
            "unemployed_on",
            "reason",
            "reason_note",
            "reference",
        ]
        formfield_callback = bounded_formfield
        widgets = {
            "kind": forms.RadioSelect,
            "start_date": DATE,
            "unemployed_on": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer_name"].help_text = _("For employment registration.")
        self.fields["start_date"].help_text = _("For employment registration.")
        self.fields["unemployed_on"].help_text = _("For unemployment registration.")
        self.fields["reason"].help_text = _("For unemployment registration.")


class ReferenceForm(forms.Form):
    reference = forms.CharField(label=_("Provincial reference number"), max_length=40)


class ExportForm(forms.Form):
    month = forms.CharField(
        label=_("Month"), max_length=7, help_text=_("YYYY-MM: registrations recorded in it.")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Both"))] + list(Registration.Kind.choices), required=False
    )
    unfiled = forms.BooleanField(
        label=_("Only those without a reference number"), required=False, initial=True
    )

    def clean_month(self):
        import datetime

        text = self.cleaned_data["month"].strip()
        try:
            return datetime.date.fromisoformat(f"{text}-01")
        except ValueError:
            raise forms.ValidationError(_("Write the month as YYYY-MM.")) from None


class AdviceForm(forms.Form):
    to = forms.ChoiceField(
        label=_("The answer"),
        choices=[
            (InsuranceAdvice.Status.RECOMMENDED, _("Recommended; the person will think about it")),
            (InsuranceAdvice.Status.BOUGHT, _("The person bought cover")),
            (InsuranceAdvice.Status.DECLINED, _("The person declined")),
        ],
        widget=forms.RadioSelect,
    )
    insurer = forms.CharField(label=_("Insurer"), max_length=60, required=False)
    cover = forms.CharField(label=_("Cover"), max_length=100, required=False)
    reason = forms.CharField(label=_("Note"), max_length=300, required=False)
