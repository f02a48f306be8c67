"""Who reaches which programmes and referrals: the scoped querysets behind the back-office pages."""

import pytest

from tests.gigmarket.factories import AdminFactory, RegionFactory, UserFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory
from tests.training.factories import EnrollingProgrammeFactory, ReferralFactory
from training.models import Programme, Referral

pytestmark = pytest.mark.django_db


def test_only_a_county_admin_manages_programmes_and_only_in_their_region():
    here = EnrollingProgrammeFactory(region=RegionFactory(code="520999"))
    EnrollingProgrammeFactory(region=RegionFactory(code="520888"))
    admin = AdminFactory(region=RegionFactory(code="520999"))
    staff = StationAssignmentFactory(station=StationFactory(code="chengguan")).user

    assert list(Programme.objects.managed_by(admin)) == [here]
    assert not Programme.objects.managed_by(staff).exists()
    assert not Programme.objects.managed_by(UserFactory()).exists()
    assert Programme.objects.managed_by(UserFactory(is_superuser=True)).count() == 2


def test_staff_move_referrals_of_their_station_their_seekers_or_their_class_only():
    home = StationFactory(code="chengguan")
    far = StationFactory(code="far")
    staff = StationAssignmentFactory(station=home).user
    made_here = ReferralFactory(station=home, seeker=SeekerFactory(station=far))
    our_seeker = ReferralFactory(seeker=SeekerFactory(station=home))
    at_our_class = ReferralFactory(
        programme=EnrollingProgrammeFactory(station=home), seeker=SeekerFactory(station=far)
    )
    ReferralFactory(station=far, seeker=SeekerFactory(station=far))  # none of ours

    assert set(Referral.objects.writable_by(staff)) == {made_here, our_seeker, at_our_class}
    assert Referral.objects.visible_to(staff).count() == 4  # the roster is read by every desk
    assert not Referral.objects.writable_by(UserFactory()).exists()
