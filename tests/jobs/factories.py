"""Factories for employers and jobs."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from gigmarket.models import Occupation
from jobs.models import Employer, Job
from tests.gigmarket.factories import RegionFactory
from tests.stations.factories import StationFactory


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    kind = Employer.Kind.INDIVIDUAL
    name = factory.Faker("name", locale="zh_CN")
    contact_name = factory.Faker("name", locale="zh_CN")
    contact_mobile = factory.Sequence(lambda n: f"136{n:08d}")
    region = factory.SubFactory(RegionFactory)
    address = factory.Faker("street_address", locale="zh_CN")


class EnterpriseFactory(EmployerFactory):
    kind = Employer.Kind.ENTERPRISE
    name = factory.Sequence(lambda n: f"示范县第{n}建筑劳务有限公司")
    credit_code = "91350100M000100Y43"


def _occupation():
    return Occupation.objects.get(code="4-09")


class JobFactory(factory.django.DjangoModelFactory):
    """A draft job; the subclasses set other states directly (tests of the services use services)."""

    class Meta:
        model = Job

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"搬运装卸工{n}")
    occupation = factory.LazyFunction(_occupation)
    nature = Job.Nature.DAILY
    content = "仓库卸货，按时到岗，服从现场安排。"
    region = factory.SelfAttribute("employer.region")
    address = "建设路18号"
    start_date = factory.LazyFunction(timezone.localdate)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=2))
    hours_per_day = Decimal("8")
    headcount = 3
    pay_min = Decimal("200")
    pay_unit = Job.PayUnit.DAY
    settlement = Job.Settlement.DAILY
    valid_through = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    station = factory.SubFactory(StationFactory)
    status = Job.Status.DRAFT


class PendingJobFactory(JobFactory):
    status = Job.Status.PENDING


class OpenJobFactory(JobFactory):
    status = Job.Status.OPEN
    opened_at = factory.LazyFunction(timezone.now)


class ExpiredJobFactory(OpenJobFactory):
    status = Job.Status.EXPIRED
    valid_through = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))


class FilledJobFactory(OpenJobFactory):
    status = Job.Status.FILLED


def _seeker():
    from tests.seekers.factories import SeekerFactory

    return SeekerFactory()


class PlacementFactory(factory.django.DjangoModelFactory):
    """A placement in a given state, set directly (service tests go through the services)."""

    class Meta:
        model = "jobs.Placement"

    job = factory.SubFactory(OpenJobFactory)
    seeker = factory.LazyFunction(_seeker)
    origin = "recommended"
    state = "recommended"
    station = factory.SelfAttribute("job.station")
    pay_amount = Decimal("200")
    pay_unit = "day"


class WaitingEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "jobs.WaitingEntry"

    station = factory.SubFactory(StationFactory)
    seeker = factory.LazyFunction(_seeker)
    day = factory.LazyFunction(timezone.localdate)
    queue_number = factory.Sequence(lambda n: n + 1)
