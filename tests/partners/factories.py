"""Factories for partner organisations, their users and referrals."""

import factory
from django.core.files.base import ContentFile

from partners.models import Partner, PartnerMember, Referral
from tests.gigmarket.factories import PartnerUserFactory, RegionFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"第{n}村民委员会")
    kind = Partner.Kind.VILLAGE_COMMITTEE
    region = factory.LazyFunction(lambda: RegionFactory(code="520999"))


class PartnerMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerMember

    partner = factory.SubFactory(PartnerFactory)
    user = factory.SubFactory(PartnerUserFactory)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    partner = factory.SubFactory(PartnerFactory)
    seeker = factory.SubFactory(SeekerFactory)
    station = factory.SubFactory(StationFactory)
    purpose = Referral.Purpose.JOB
    consent = Referral.Consent.SIGNED_SLIP
    consent_file = factory.LazyFunction(lambda: ContentFile(PNG, name="slip.png"))
    consent_content_type = "image/png"
    created_by = factory.LazyAttribute(lambda o: PartnerUserFactory())
