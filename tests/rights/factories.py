"""Factories for complaints (the services are used wherever the rule under test is a service's)."""

import datetime

import factory
from django.utils import timezone

from rights.models import Complaint
from tests.stations.factories import StationFactory


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A complaint received online today, not yet taken by anyone."""

    class Meta:
        model = Complaint

    number = factory.Sequence(lambda n: f"TS26-TEST-{n:04d}")
    kind = Complaint.Kind.UNPAID_WAGES
    complainant_name = factory.Faker("name", locale="zh_CN")
    complainant_mobile = factory.Sequence(lambda n: f"138{n:08d}")
    respondent_text = "某装修队"
    description = "干了二十天活，老板不给工钱。"
    amount_owed = 3200
    people_affected = 4
    station = factory.SubFactory(StationFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))


class AcceptedComplaintFactory(ComplaintFactory):
    status = Complaint.Status.ACCEPTED
    accepted_at = factory.LazyFunction(timezone.now)


class OverdueComplaintFactory(ComplaintFactory):
    due_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))


class ClosedComplaintFactory(ComplaintFactory):
    status = Complaint.Status.CLOSED
    outcome = "已结清"
    done_at = factory.LazyFunction(timezone.now)
