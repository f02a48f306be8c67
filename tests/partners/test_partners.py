"""Partners: a cadre registers a neighbour with consent and refers her; the station answers; the
partner sees what became of her (masked) and nothing else; monthly figures count referrals."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gigmarket.models import Occupation
from partners import services
from partners.figures import month_figures
from partners.models import Referral
from seekers.models import Seeker
from tests.gigmarket.factories import RegionFactory, StationStaffFactory
from tests.partners.factories import PNG, PartnerFactory, PartnerMemberFactory, ReferralFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def station(db):
    return StationFactory(code="home", region=RegionFactory(code="520999001"))


@pytest.fixture
def staff(station):
    user = StationStaffFactory()
    StationAssignmentFactory(user=user, station=station)
    return user


@pytest.fixture
def cadre(db):
    member = PartnerMemberFactory(partner=PartnerFactory(name="石桥村村民委员会"))
    return member.user


def _slip(name="slip.png", content=PNG):
    return SimpleUploadedFile(name, content)


def _refer(cadre, station, **extra):
    data = {
        "by": cadre,
        "name": "王秀英",
        "mobile": "15811112222",
        "primary_occupation": Occupation.objects.filter(parent__isnull=False).first(),
        "station": station,
        "purpose": "job",
        "consent_file": _slip(),
    }
    data.update(extra)
    return services.partner_register_and_refer(**data)


def test_registering_a_neighbour_goes_through_the_register_with_consent_kept(cadre, station):
    referral = _refer(cadre, station)
    seeker = Seeker.objects.get(mobile="15811112222")
    assert referral.seeker == seeker and referral.registered_by_partner
    assert seeker.home_station == station and seeker.consent_at is not None
    assert seeker.registered_by == cadre
    assert referral.consent_file.name.startswith("partners/consent/")
    assert referral.logs.get().to_state == "sent"


def test_without_a_valid_consent_slip_nothing_is_saved(cadre, station):
    with pytest.raises(ValidationError) as error:
        _refer(cadre, station, consent_file=_slip("slip.png", b"MZ\x90\x00not an image"))
    assert "consent_file" in error.value.message_dict
    assert not Seeker.objects.exists() and not Referral.objects.exists()


def test_someone_already_registered_is_referred_without_being_told(cadre, station):
    from tests.seekers.factories import SeekerFactory

    known = SeekerFactory(mobile="15811112222", station=station)
    referral = _refer(cadre, station)
    assert referral.seeker == known and not referral.registered_by_partner


def test_a_station_outside_the_partners_county_is_refused(cadre):
    far = StationFactory(code="far", region=RegionFactory(code="530101001"))
    with pytest.raises(ValidationError) as error:
        _refer(cadre, far)
    assert "station" in error.value.message_dict


def test_only_partner_users_refer(station, staff):
    with pytest.raises(PermissionDenied):
        _refer(staff, station)


def test_station_accepts_and_records_the_outcome_and_the_partner_sees_the_placement(
    login, cadre, station, staff
):
    from jobs.models import Placement
    from tests.jobs.factories import PlacementFactory

    referral = _refer(cadre, station)
    client = login(staff)
    waiting = client.get(reverse("partners:referral_list")).content.decode()
    assert referral.get_absolute_url() in waiting
    client.post(reverse("partners:referral_step", args=[referral.public_id, "accept"]), {})
    PlacementFactory(
        seeker=referral.seeker,
        state=Placement.State.CONFIRMED,
        confirmed_at=timezone.now() + datetime.timedelta(minutes=1),
    )
    client.post(
        reverse("partners:referral_step", args=[referral.public_id, "done"]),
        {"outcome": "已介绍到城东仓库做装卸"},
    )
    referral.refresh_from_db()
    assert referral.status == "done"
    page = login(cadre).get(reverse("partners:home")).content.decode()
    assert "王**" in page and "王秀英" not in page and "15811112222" not in page
    assert "已介绍到城东仓库做装卸" in page and "已上岗" in page


def test_the_partner_sees_only_its_own_referrals(login, cadre, station):
    other = ReferralFactory(station=station, partner=PartnerFactory(name="城东社区居委会"))
    mine = _refer(cadre, station)
    page = login(cadre).get(reverse("partners:home")).content.decode()
    assert mine.masked_name in page and other.masked_name not in page
    assert login(cadre).get(reverse("seekers:seeker_list")).status_code == 403


def test_a_step_needs_its_reason_and_another_station_cannot_act(cadre, station, staff):
    referral = _refer(cadre, station)
    other = StationStaffFactory()
    StationAssignmentFactory(user=other, station=StationFactory(code="other2"))
    with pytest.raises(PermissionDenied):
        services.referral_accept(referral=referral, by=other)
    with pytest.raises(ValidationError):
        services.referral_decline(referral=referral, by=staff, reason=" ")
    assert Referral.objects.get().status == "sent"


def test_monthly_figures_count_referrals_by_partner(cadre, station):
    from reports.exports import service_rows
    from reports.selectors import Month, service

    _refer(cadre, station)
    ReferralFactory(station=station, partner=PartnerFactory(name="县残疾人联合会"))
    month = Month.of(timezone.localdate())
    figures = month_figures(month, None)
    assert figures["partner_referrals"] == 2
    assert figures["partner_referrals_by_partner"] == {"县残疾人联合会": 1, "石桥村村民委员会": 1}
    assert month_figures(month.previous, None)["partner_referrals"] == 0
    rows = service_rows(service(month, None))
    assert [r for r in rows if "石桥村村民委员会" in str(r[0])][0][1] == 1


def test_referral_list_query_count_is_pinned(login, station, staff, django_assert_max_num_queries):
    for _ in range(15):
        ReferralFactory(station=station)
    client = login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("partners:referral_list"))
    assert len(response.context["page"].object_list) == 15


def test_partner_home_query_count_is_pinned(login, cadre, django_assert_max_num_queries):
    partner = cadre.partner_membership.partner
    for _ in range(12):
        ReferralFactory(partner=partner)
    client = login(cadre)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("partners:home"))
    assert len(response.context["referrals"]) == 12


def test_after_login_a_partner_lands_on_their_page(login, cadre):
    response = login(cadre).get(reverse("core:after_login"))
    assert response["Location"] == reverse("partners:home")


def test_orphan_consent_files_are_swept_after_an_hour(cadre, station, settings):
    from django.core.files.base import ContentFile

    from partners.orphans import consent_storage, sweep_orphans

    settings.STORAGES = {**settings.STORAGES}  # a fresh storage: other tests' files are not ours
    kept = _refer(cadre, station)
    storage = consent_storage()
    orphan = storage.save("partners/consent/2026/01/orphan.png", ContentFile(PNG))
    assert sweep_orphans(dry_run=True) == []  # younger than an hour
    assert sweep_orphans(now=timezone.now() + datetime.timedelta(hours=2)) == [orphan]
    assert not storage.exists(orphan) and storage.exists(kept.consent_file.name)
