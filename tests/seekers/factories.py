"""Factories for the seeker register; they go through the registration service so records are real."""

import factory

from gigmarket.models import Occupation
from seekers.models import Seeker
from seekers.services import seeker_register
from tests.stations.factories import StationFactory

#: Valid resident ID numbers (check digit right) for tests.
VALID_IDS = ["11010519491231002X", "110105194912310038", "520102199003071236"]


def occupation(code: str = "4-01") -> Occupation:
    return Occupation.objects.get(code=code)


class SeekerFactory(factory.Factory):
    """A walk-in seeker registered at a station (through ``seeker_register``)."""

    class Meta:
        model = Seeker

    name = factory.Faker("name", locale="zh_CN")
    mobile = factory.Sequence(lambda n: f"158{n:08d}")
    id_number = ""
    station = factory.SubFactory(StationFactory)
    by = None
    channel = Seeker.Channel.WALK_IN
    primary_occupation = factory.LazyFunction(occupation)
    details = factory.LazyFunction(dict)
    registered_at = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        return seeker_register(**kwargs)

    _build = _create


class PrioritySeekerFactory(SeekerFactory):
    details = factory.LazyFunction(lambda: {"priority_groups": ["older"]})
