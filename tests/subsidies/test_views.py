"""The desk's claim pages, the seeker's "Me" panel, the finance export and the orphan sweep."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from gigmarket.models import PersonalDataAccess
from subsidies import services
from subsidies.models import Claim
from tests.subsidies.conftest import upload
from tests.subsidies.factories import ClaimFactory, scheme

pytestmark = pytest.mark.django_db


def _approved(person, station, staff):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    for name in claim.scheme.documents:
        services.claim_documents_add(claim=claim, by=staff, name=name, files=[upload()])
    services.claim_submit(claim=claim, by=staff)
    return services.claim_approve(claim=claim, by=staff)


def test_drafting_by_seeker_number_shows_eligibility(login, person, certified, station, staff):
    client = login(staff)
    response = client.post(
        reverse("subsidies:claim_new"),
        {"seeker": person.number, "scheme": scheme().pk, "station": station.pk},
    )
    claim = Claim.objects.get()
    assert response.status_code == 302 and response["Location"] == claim.get_absolute_url()
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "ZS-2026-0001" in page and "张桂兰" in page  # the handling station sees the name


def test_an_unknown_person_is_said_next_to_the_field(login, station, staff):
    response = login(staff).post(
        reverse("subsidies:claim_new"),
        {"seeker": "19900000000", "scheme": scheme().pk, "station": station.pk},
    )
    assert response.status_code == 400
    assert "No person with this number" in str(response.context["form"].errors["seeker"])
    assert not Claim.objects.exists()


def test_return_step_lists_everything_and_the_seeker_sees_it_on_me(
    login, client, person, certified, station, staff
):
    from tests.gigmarket.factories import SeekerUserFactory

    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    services.claim_submit(claim=claim, by=staff)
    login(staff).post(
        reverse("subsidies:claim_step", args=[claim.public_id, "return"]),
        {"missing": ["身份证复印件", "培训合格证书"], "note": ""},
    )
    assert Claim.objects.get().status == "returned"
    person.user = SeekerUserFactory()
    person.save()
    me = login(person.user).get(reverse("core:me")).content.decode()
    assert "职业技能培训补贴" in me and "身份证复印件" in me and "培训合格证书" in me


def test_a_bad_step_shows_the_error_and_changes_nothing(login, person, station, staff):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    response = login(staff).post(
        reverse("subsidies:claim_step", args=[claim.public_id, "approve"]), {}
    )
    assert response.status_code == 400
    assert Claim.objects.get().status == "drafted"


def test_another_stations_claim_is_not_found_and_names_are_masked_for_the_admin(
    login, person, station, other_staff, county_admin, staff
):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    assert login(other_staff).get(claim.get_absolute_url()).status_code == 404
    page = login(county_admin).get(claim.get_absolute_url()).content.decode()
    assert "张桂兰" not in page and "张**" in page


def test_documents_download_only_to_the_station_and_it_is_logged(
    login, person, station, staff, other_staff
):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    document = services.claim_documents_add(
        claim=claim, by=staff, name="身份证复印件", files=[upload()]
    )[0]
    url = reverse("subsidies:document_download", args=[claim.public_id, document.pk])
    assert login(other_staff).get(url).status_code == 404
    response = login(staff).get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert PersonalDataAccess.objects.filter(user=staff, object_id=str(claim.pk)).exists()


def test_finance_export_of_approved_claims_by_month_with_id_numbers_logged(
    login, station, staff, county_admin, certified
):
    person = certified.seeker
    claim = _approved(person, station, staff)
    ClaimFactory(station=station)  # a draft: not in the export
    month = timezone.localdate().strftime("%Y-%m")
    client = login(county_admin)
    response = client.get(reverse("subsidies:claim_export"), {"month": month, "format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][1] == "职业技能培训补贴" and rows[1][6] == "1000.00"
    assert PersonalDataAccess.objects.filter(user=county_admin, object_id=str(claim.pk)).exists()
    xlsx = client.get(reverse("subsidies:claim_export"), {"month": month, "format": "xlsx"})
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    earlier = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    empty = client.get(reverse("subsidies:claim_export"), {"month": earlier, "format": "csv"})
    assert len(list(csv.reader(io.StringIO(empty.content.decode("utf-8-sig"))))) == 1
    assert login(staff).get(reverse("subsidies:claim_export")).status_code == 403


def test_claim_list_and_workbench_panel_query_counts_are_pinned(
    login, station, staff, django_assert_max_num_queries
):
    for _ in range(20):
        ClaimFactory(station=station)
    client = login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("subsidies:claim_list"))
    assert response.status_code == 200 and len(response.context["page"].object_list) == 20
    page = client.get(reverse("core:workbench")).content.decode()
    assert "20" in page and reverse("subsidies:claim_list") in page


def test_orphan_document_files_are_swept_after_an_hour(person, station, staff, settings):
    from django.core.files.base import ContentFile

    settings.STORAGES = {**settings.STORAGES}  # a fresh storage: other tests' files are not ours
    from subsidies.orphans import document_storage, sweep_orphans

    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    kept = services.claim_documents_add(
        claim=claim, by=staff, name="身份证复印件", files=[upload()]
    )[0]
    storage = document_storage()
    orphan = storage.save("subsidies/documents/2026/01/orphan.pdf", ContentFile(b"%PDF-1.4"))
    later = timezone.now() + datetime.timedelta(hours=2)
    assert sweep_orphans(dry_run=True) == []  # younger than an hour
    assert sweep_orphans(now=later) == [orphan]
    assert not storage.exists(orphan) and storage.exists(kept.file.name)
