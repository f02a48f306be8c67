"""Factories for subsidy claims (schemes come seeded by migration: see ``scheme``)."""

import importlib
from decimal import Decimal

import factory

from subsidies.models import Claim, Scheme
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationFactory


def scheme(code: str = "training-certificate") -> Scheme:
    """One of the three seeded schemes (seeded again when a transactional test emptied the
    tables the data migration filled)."""
    seeded = importlib.import_module("subsidies.migrations.0002_seed_three_schemes")
    for data in seeded.SCHEMES:
        Scheme.objects.get_or_create(code=data["code"], defaults=data)
    return Scheme.objects.get(code=code)


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"scheme-{n}")
    name = factory.Sequence(lambda n: f"补贴{n}")
    rule = "priority_group"
    rule_value = "older"
    amount = Decimal("500.00")
    documents = factory.LazyFunction(lambda: ["身份证复印件", "申请表"])


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    scheme = factory.LazyFunction(scheme)
    seeker = factory.SubFactory(SeekerFactory)
    station = factory.SubFactory(StationFactory)
