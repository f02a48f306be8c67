"""Forms of the events app: they validate input; the services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from gigmarket.forms import TEXT_MAX_LENGTH
from gigmarket.models import Region
from jobs.models import Employer, Job
from stations.models import Station

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class EventForm(forms.ModelForm):
    """Plan (or correct) an event."""

    station = forms.ModelChoiceField(
        Station.objects.none(), label=_("organising station"), empty_label=None
    )
    partner_stations = forms.ModelMultipleChoiceField(
        Station.objects.none(),
        label=_("also organised by"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    starts_at = forms.DateTimeField(
        label=_("starts"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    stream_url = forms.URLField(label=_("live-stream link"), required=False, assume_scheme="https")
    ends_at = forms.DateTimeField(label=_("ends"), widget=DATETIME, input_formats=DATETIME_FORMATS)

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "station",
            "partner_stations",
            "region",
            "starts_at",
            "ends_at",
            "address",
            "latitude",
            "longitude",
            "datum",
            "stream_url",
            "capacity",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        stations = Station.objects.writable_by(user).active().order_by("code")
        self.fields["station"].queryset = stations
        self.fields["partner_stations"].queryset = Station.objects.active().order_by("code")
        self.fields["region"].queryset = Region.objects.exclude(level=Region.Level.VILLAGE)
        self.fields["region"].required = False
        self.fields["region"].help_text = _("Leave empty for the organising station's region.")
        self.fields["description"].max_length = TEXT_MAX_LENGTH
        if editing:
            del self.fields["station"]
            del self.fields["partner_stations"]


class ParticipantsForm(forms.Form):
    """Staff add employers to an event: tick their open jobs, or pick an employer with none yet."""

    jobs = forms.ModelMultipleChoiceField(
        Job.objects.none(),
        label=_("Open jobs to bring"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    employer = forms.ModelChoiceField(
        Employer.objects.none(),
        label=_("Or an employer without an open job yet"),
        required=False,
        empty_label=_("— choose —"),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        jobs = (
            Job.objects.open()
            .filter(pk__in=Job.objects.editable_by(user).values("pk"))
            .select_related("employer")
            .order_by("employer__name", "title")
        )
        self.fields["jobs"].queryset = jobs
        self.fields["jobs"].label_from_instance = lambda job: f"{job.employer.name} · {job.title}"
        self.fields["employer"].queryset = (
            Employer.objects.visible_to(user).filter(suspended=False).order_by("name")
        )

    def clean(self):
        data = super().clean()
        if not data.get("jobs") and not data.get("employer"):
            raise forms.ValidationError(_("Tick at least one job, or pick an employer."))
        return data


class JoinForm(forms.Form):
    """An employer asks to join with some of its open jobs."""

    jobs = forms.ModelMultipleChoiceField(
        Job.objects.none(), label=_("Your open jobs to bring"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, employer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jobs"].queryset = (
            Job.objects.open().filter(employer=employer).order_by("title")
        )


class MoveForm(forms.Form):
    """Change an event's state: open, held, closed with results, or cancelled (with a reason)."""

    to = forms.ChoiceField(choices=Event.State.choices, widget=forms.HiddenInput)
    intentions_reached = forms.IntegerField(
        label=_("intentions reached"), min_value=0, required=False
    )
    reason = forms.CharField(label=_("Reason or note"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("to") == Event.State.CLOSED and data.get("intentions_reached") is None:
            self.add_error("intentions_reached", _("Enter a whole number, 0 or more."))
        return data


class DecideForm(forms.Form):
    accept = forms.BooleanField(required=False)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class DoorForm(forms.Form):
    """Look a seeker up at the door: a full mobile, a seeker number or a scanned slip code."""

    query = forms.CharField(
        label=_("Mobile, seeker number or slip code"),
        max_length=200,
        widget=forms.TextInput(attrs={"inputmode": "text", "autocomplete": "off"}),
    )


class DispatchForm(forms.Form):
    """Send a seeker who came to one of the event's jobs."""

    job = forms.ModelChoiceField(Job.objects.none(), label=_("Job"), empty_label=_("— choose —"))
    registration = forms.ModelChoiceField(
        Registration.objects.none(), label=_("Seeker"), empty_label=_("— choose —")
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = (
            Job.objects.filter(pk__in=event.participations.filter(state="accepted").values("jobs"))
            .select_related("employer")
            .order_by("employer__name", "title")
        )
        self.fields["job"].label_from_instance = lambda job: f"{job.employer.name} · {job.title}"
        self.fields["registration"].queryset = event.registrations.select_related(
            "seeker"
        ).order_by("registered_at")
        self.fields["registration"].label_from_instance = lambda r: (
            f"{r.seeker.masked_name} {r.seeker.masked_mobile}"
        )
