"""Factories of the events tests (states set directly; service tests go through the services)."""

import datetime

import factory
from django.utils import timezone

from events.models import Event
from tests.gigmarket.factories import StationStaffFactory
from tests.stations.factories import StationFactory


def _next_saturday_nine():
    today = timezone.localdate()
    day = today + datetime.timedelta(days=(5 - today.weekday()) % 7 or 7)
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=timezone.get_current_timezone())


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.FAIR
    title = factory.Sequence(lambda n: f"零工专场招聘会{n}")
    station = factory.SubFactory(StationFactory)
    region = factory.SelfAttribute("station.region")
    address = "城关镇人民广场"
    starts_at = factory.LazyFunction(_next_saturday_nine)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    organiser = factory.SubFactory(StationStaffFactory)
    state = Event.State.PLANNED


class OpenEventFactory(EventFactory):
    state = Event.State.OPEN
