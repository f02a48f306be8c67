"""Factories for training institutions, programmes, sessions, referrals and demand orders."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from gigmarket.models import Occupation
from tests.gigmarket.factories import RegionFactory
from tests.seekers.factories import SeekerFactory
from training.models import DemandOrder, Institution, Programme, Referral, Session


def occupation(code: str = "6-07") -> Occupation:
    """焊工 by default."""
    return Occupation.objects.get(code=code)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"示范县第{n}职业技能培训学校")
    credit_code = "91350100M000100Y43"
    filing_number = factory.Sequence(lambda n: f"黔人社培备〔2026〕{n:03d}号")
    contact_name = "陈老师"
    contact_phone = "0851-88881234"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A planned programme (tests of the services move it through the services)."""

    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"焊工（初级）培训班第{n}期")
    occupation = factory.LazyFunction(occupation)
    institution = factory.SubFactory(InstitutionFactory)
    region = factory.SubFactory(RegionFactory, code="520999")
    place = "示范县职业技能培训学校实训楼"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=2))
    capacity = 3
    fee = Decimal("1800")
    subsidised = True
    subsidy_amount = Decimal("1500")
    status = Programme.Status.PLANNED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    programme = factory.SubFactory(ProgrammeFactory)
    date = factory.LazyAttribute(lambda o: o.programme.start_date)
    starts = datetime.time(9, 0)
    ends = datetime.time(12, 0)


class EnrollingProgrammeFactory(ProgrammeFactory):
    """A published programme with one session per day, taking sign-ups."""

    status = Programme.Status.ENROLLING

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if not create:
            return
        day = self.start_date
        while day <= self.end_date:
            SessionFactory(programme=self, date=day)
            day += datetime.timedelta(days=1)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    programme = factory.SubFactory(EnrollingProgrammeFactory)
    seeker = factory.SubFactory(SeekerFactory)
    origin = Referral.Origin.STAFF
    status = Referral.Status.REFERRED


class DemandOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemandOrder

    occupation = factory.LazyFunction(lambda: occupation("4-03"))
    people = 3
    month = factory.LazyFunction(
        lambda: (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    )
    requester = DemandOrder.Requester.EMPLOYER
    requester_label = "示范县爱家家政服务有限公司"
    region = factory.SubFactory(RegionFactory, code="520999")
