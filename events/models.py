"""Recruitment events (招聘活动): fairs, market-day and night-market recruiting, live streams, jobs
sent to villages; the employers and jobs at each, the seekers who register and come, and what came
of it."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.querysets import EventQuerySet, RegistrationQuerySet
from gigmarket.models import TransitionLog


def new_token() -> str:
    """An unguessable slip token (128 random bits, URL-safe): the slip's QR carries only this."""
    return secrets.token_urlsafe(16)


class Event(models.Model):
    """One recruitment event, organised by a station (and maybe others with it)."""

    class Kind(models.TextChoices):
        FAIR = "fair", _("Special recruitment fair")
        MARKET_DAY = "market_day", _("Market-day or night-market recruiting")
        LIVE_STREAM = "live_stream", _("Live-stream recruiting")
        TO_VILLAGE = "to_village", _("Jobs sent to a village or community")
        ONLINE = "online", _("Online-only recruiting")

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for registration")
        HELD = "held", _("Held")
        CLOSED = "closed", _("Closed with results")
        CANCELLED = "cancelled", _("Cancelled")

    class Datum(models.TextChoices):
        WGS84 = "wgs84", _("WGS84 (GPS)")
        GCJ02 = "gcj02", _("GCJ-02 (Chinese web maps)")

    #: Kinds with no place to go to: a stream link instead.
    REMOTE_KINDS = (Kind.LIVE_STREAM, Kind.ONLINE)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.FAIR)
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("organising station"),
    )
    partner_stations = models.ManyToManyField(
        "stations.Station",
        blank=True,
        related_name="partner_events",
        verbose_name=_("also organised by"),
    )
    region = models.ForeignKey(
        "gigmarket.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    datum = models.CharField(
        _("coordinate datum"), max_length=8, choices=Datum.choices, default=Datum.GCJ02
    )
    stream_url = models.URLField(_("live-stream link"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PLANNED
    )
    cancel_reason = models.CharField(_("why cancelled"), max_length=200, blank=True)
    intentions_reached = models.PositiveIntegerField(
        _("intentions reached"),
        default=0,
        help_text=_("Seekers and employers who agreed to go on (达成意向), as counted by staff."),
    )
    results_note = models.TextField(_("results note"), blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organiser"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("recruitment event")
        verbose_name_plural = _("recruitment events")
        indexes = [models.Index(fields=["state", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", kwargs={"public_id": self.public_id})

    def get_manage_url(self) -> str:
        return reverse("events:event_manage", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.latitude is not None and not (-90 <= self.latitude <= 90):
            errors["latitude"] = _("Latitude lies between -90 and 90.")
        if self.longitude is not None and not (-180 <= self.longitude <= 180):
            errors["longitude"] = _("Longitude lies between -180 and 180.")
        if self.kind in self.REMOTE_KINDS:
            if not self.stream_url:
                errors["stream_url"] = _("A live-stream or online event needs its link.")
        elif not self.address.strip():
            errors["address"] = _("Say where the event takes place.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_remote(self) -> bool:
        return self.kind in self.REMOTE_KINDS

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def wgs84(self) -> tuple[float, float] | None:
        """(lat, lng) in WGS84, converted from GCJ-02 when recorded so (stations/geo.py)."""
        from stations.geo import gcj02_to_wgs84

        if not self.has_coordinates:
            return None
        lat, lng = float(self.latitude), float(self.longitude)
        return gcj02_to_wgs84(lat, lng) if self.datum == self.Datum.GCJ02 else (lat, lng)

    def is_live(self, moment=None) -> bool:
        """A stream going on now (open or held, between start and end)."""
        now = moment or timezone.now()
        return (
            self.kind == self.Kind.LIVE_STREAM
            and self.state in (self.State.OPEN, self.State.HELD)
            and self.starts_at <= now < self.ends_at
        )

    @property
    def takes_registrations(self) -> bool:
        return self.state in (self.State.OPEN, self.State.HELD)


class EventLog(TransitionLog):
    """One step of an event: a change of state, or a step that keeps it (employer added,
    seeker registered or checked in), with who, when and why."""

    states = Event.State

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="logs", verbose_name=_("event")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("event log entry")
        verbose_name_plural = _("event log")

    @property
    def is_state_change(self) -> bool:
        return self.from_state != self.to_state


class Participation(models.Model):
    """An employer at an event, with the jobs it brings."""

    class State(models.TextChoices):
        APPLIED = "applied", _("Applied to join")
        ACCEPTED = "accepted", _("Taking part")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("event")
    )
    employer = models.ForeignKey(
        "jobs.Employer", on_delete=models.PROTECT, related_name="+", verbose_name=_("employer")
    )
    jobs = models.ManyToManyField("jobs.Job", blank=True, related_name="+", verbose_name=_("jobs"))
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.ACCEPTED
    )
    present = models.BooleanField(_("present"), default=False)
    decline_reason = models.CharField(_("why declined"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("employer at an event")
        verbose_name_plural = _("employers at events")
        constraints = [
            models.UniqueConstraint(fields=["event", "employer"], name="one_participation")
        ]

    def __str__(self) -> str:
        return f"{self.employer} @ {self.event}"


class Registration(models.Model):
    """A seeker who registered interest in an event (online or at the door), and whether they came.

    The slip's QR carries ``token`` only: no name, mobile or seeker id in any URL.
    """

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        DOOR = "door", _("At the door")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    seeker = models.ForeignKey(
        "seekers.Seeker", on_delete=models.PROTECT, related_name="+", verbose_name=_("seeker")
    )
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.ONLINE
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [models.UniqueConstraint(fields=["event", "seeker"], name="one_registration")]

    def __str__(self) -> str:
        return f"{self.seeker.masked_name} @ {self.event}"

    def get_slip_url(self) -> str:
        return reverse("events:registration_slip", kwargs={"token": self.token})

    def get_check_in_url(self) -> str:
        return reverse("events:check_in", kwargs={"token": self.token})


class EventPlacement(models.Model):
    """A placement (sign-up or dispatch) that came from an event: jobs sits below events, so the
    link lives here, made by the event's own dispatch and sign-up services."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="placements", verbose_name=_("event")
    )
    placement = models.OneToOneField(
        "jobs.Placement",
        on_delete=models.CASCADE,
        related_name="event_link",
        verbose_name=_("placement"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("placement from an event")
        verbose_name_plural = _("placements from events")

    def __str__(self) -> str:
        return f"{self.event} → {self.placement_id}"
