"""Factories for the kernel's records."""

import factory
from django.contrib.auth.models import Group

from gigmarket.models import Region, User
from gigmarket.roles import Role

PASSWORD = "Test-Password-2026"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    # Townships of the demo county, 001–999 (wrapping, so a long test run never makes a 10-digit
    # code, which would not sit under the county; get_or_create reuses a code seen again).
    code = factory.Sequence(lambda n: f"520999{n % 999 + 1:03d}")
    name = factory.Faker("city_name", locale="zh_CN")
    level = factory.LazyAttribute(lambda o: Region.level_for_code(o.code))


def _with_roles(*default: str):
    """A post-generation hook giving the user ``default`` roles unless ``roles=[...]`` is passed."""

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        for role in default if extracted is None else extracted:
            self.groups.add(Group.objects.get(name=role))
        self.save()

    return roles


class UserFactory(factory.django.DjangoModelFactory):
    """A staff account with no role; the traits and subclasses add one."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Faker("name", locale="zh_CN")
    kind = User.Kind.STAFF
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    roles = _with_roles()


class SeekerUserFactory(UserFactory):
    kind = User.Kind.SEEKER
    phone = factory.Sequence(lambda n: f"139{n:08d}")


class EmployerUserFactory(UserFactory):
    kind = User.Kind.EMPLOYER
    phone = factory.Sequence(lambda n: f"137{n:08d}")


class AdminFactory(UserFactory):
    roles = _with_roles(Role.COUNTY_ADMIN)


class StationStaffFactory(UserFactory):
    roles = _with_roles(Role.STATION_STAFF)


class ReviewerFactory(UserFactory):
    roles = _with_roles(Role.REVIEWER)


class AuditorFactory(UserFactory):
    roles = _with_roles(Role.AUDITOR)


class PartnerUserFactory(UserFactory):
    """A partner organisation's user (attach them with tests.partners.factories.PartnerMemberFactory)."""

    roles = _with_roles(Role.PARTNER)
