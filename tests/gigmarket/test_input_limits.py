"""No request can make a form build thousands of rows or store a novel: every formset and every
free-text field has a bound, and a test keeps forms written later to it."""

import importlib
import inspect

import pytest
from django import forms
from django.urls import reverse

from gigmarket.forms import PASSWORD_MAX_LENGTH, TEXT_MAX_LENGTH
from gigmarket.models import User
from rights.models import Complaint
from seekers.models import Seeker
from tests.gigmarket.factories import AdminFactory
from tests.seekers.factories import SeekerFactory, occupation
from tests.stations.factories import StationFactory

APPS = ("gigmarket", "stations", "seekers", "jobs", "training", "rights", "reports")
#: Fields that parse a fixed format (a long value fails the parse at once).
FIXED_FORMAT_FIELDS = {"MonthField"}


def _form_classes():
    for app in APPS:
        for name in (f"{app}.forms", f"{app}.filters"):
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError:
                continue
            for _n, cls in inspect.getmembers(module, inspect.isclass):
                made_by_a_factory = issubclass(cls, forms.BaseFormSet) and hasattr(cls, "form")
                if cls.__module__ == name or made_by_a_factory:
                    yield cls


def test_every_text_field_of_every_form_has_a_maximum_length():
    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{field_name}"
        for cls in _form_classes()
        if issubclass(cls, forms.BaseForm)
        for field_name, field in cls.base_fields.items()
        if isinstance(field, forms.CharField)
        and type(field).__name__ not in FIXED_FORMAT_FIELDS
        and not field.max_length
        and not (cls.__name__ == "LoginForm" and field_name == "username")  # set by Django
    ]
    assert unbounded == []


def test_every_text_filter_of_every_filter_set_has_a_maximum_length():
    import django_filters

    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _form_classes()
        if issubclass(cls, django_filters.FilterSet)
        for name, flt in cls.base_filters.items()
        if isinstance(flt, django_filters.CharFilter) and not flt.extra.get("max_length")
    ]
    assert [c for c in _form_classes() if issubclass(c, django_filters.FilterSet)]
    assert unbounded == []


def test_every_formset_builds_at_most_its_maximum_number_of_rows():
    formsets = [c for c in _form_classes() if issubclass(c, forms.BaseFormSet)]
    assert len(formsets) >= 2  # the skills and the opening hours
    loose = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in _form_classes()
        if issubclass(cls, forms.BaseFormSet)
        and not (cls.absolute_max == cls.max_num and cls.validate_max)
    ]
    assert loose == []


@pytest.mark.django_db
def test_a_seeker_posting_a_thousand_skill_rows_gets_a_message_not_a_huge_page(login):
    """Issue #12: ``skills-TOTAL_FORMS=1000`` took 7 s and answered 2.9 MB."""
    seeker = SeekerFactory()
    user = User.objects.create_user(username="s1", kind="seeker", phone=seeker.mobile, password="x")
    Seeker.objects.filter(pk=seeker.pk).update(user=user)
    response = login(user).post(
        reverse("seekers:own_edit"),
        {
            "name": "新名字",
            "mobile": seeker.mobile,
            "primary_occupation": occupation().pk,
            "skills-TOTAL_FORMS": "1000",
            "skills-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert len(response.context["skills"].forms) <= 10
    assert "请最多提交 10 个表单" in response.content.decode()
    assert len(response.content) < 200_000
    seeker.refresh_from_db()
    assert seeker.name != "新名字"


@pytest.mark.django_db
def test_the_station_hours_formset_is_capped_too(login):
    station = StationFactory()
    response = login(AdminFactory()).post(
        reverse("stations:station_hours", kwargs={"code": station.code}),
        {"hours-TOTAL_FORMS": "1000", "hours-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert len(response.context["formset"].forms) <= 14
    assert len(response.content) < 200_000
    assert station.opening_hours.count() == 0


@pytest.mark.django_db
def test_a_complaint_description_of_twenty_thousand_characters_is_refused_at_the_field(client):
    station = StationFactory(code="home")
    response = client.post(
        reverse("rights:complaint_create"),
        {
            "idempotency_key": "key-1",
            "website": "",
            "kind": "other",
            "respondent_text": "某装修队",
            "description": "欠" * 20_000,
            "name": "王德明",
            "mobile": "13900000101",
            "station": station.pk,
        },
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert f"最多 {TEXT_MAX_LENGTH} 个字，现在是 20000 个" in response.content.decode()
    assert not Complaint.objects.exists()


def test_passwords_have_a_maximum_length():
    from seekers.forms import SelfRegisterForm

    assert SelfRegisterForm.base_fields["password1"].max_length == PASSWORD_MAX_LENGTH
