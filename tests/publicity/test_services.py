"""Publicity services: who may write and publish what, the state log, PDF checks, consultations."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publicity import services
from publicity.models import Article, ArticleLog
from publicity.selectors import consultation_counts, home_articles, station_articles
from stations.models import ServiceRecord
from tests.gigmarket.factories import AdminFactory, RegionFactory, StationStaffFactory
from tests.publicity.factories import ArticleFactory, SubsidyFactory, county
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    fields = {
        "kind": Article.Kind.SUBSIDY,
        "title": "社保补贴怎么领",
        "summary": "大龄人员交了社保可以申请补贴。",
        "body": "带身份证来驿站。",
        "region": county(),
    }
    fields.update(overrides)
    return fields


def _staff_at(station):
    staff = StationStaffFactory()
    StationAssignmentFactory(user=staff, station=station)
    return staff


def test_an_admin_writes_a_draft_and_publishes_it_with_a_log_row_each_time():
    admin = AdminFactory()
    article = services.article_create(by=admin, **_fields())
    assert article.state == Article.State.DRAFT
    services.article_publish(article=article, by=admin)
    article.refresh_from_db()
    assert article.state == Article.State.PUBLISHED
    assert article.published_by == admin and article.published_at is not None
    services.article_archive(article=article, by=admin, reason="新政策替代")
    logs = list(ArticleLog.objects.filter(article=article).values_list("from_state", "to_state"))
    assert logs == [("", "draft"), ("draft", "published"), ("published", "archived")]
    assert ArticleLog.objects.filter(article=article).last().reason == "新政策替代"


def test_an_archived_article_cannot_be_published_or_edited_until_reopened():
    admin = AdminFactory()
    article = ArticleFactory(state=Article.State.ARCHIVED)
    with pytest.raises(ValidationError):
        services.article_publish(article=article, by=admin)
    with pytest.raises(ValidationError):
        services.article_update(article=article, by=admin, title="改了")
    services.article_reopen(article=article, by=admin)
    services.article_update(article=article, by=admin, title="改了")
    assert Article.objects.get(pk=article.pk).title == "改了"


def test_station_staff_publish_their_own_station_notice_but_not_county_policy():
    station = StationFactory()
    staff = _staff_at(station)
    own = services.article_create(
        by=staff, **_fields(kind="notice", region=station.region, station=station)
    )
    services.article_publish(article=own, by=staff)
    assert Article.objects.get(pk=own.pk).state == "published"
    with pytest.raises(ValidationError) as error:
        services.article_create(by=staff, **_fields())
    assert "station" in error.value.message_dict
    other = StationFactory()
    with pytest.raises(ValidationError):
        services.article_create(
            by=staff, **_fields(kind="notice", region=other.region, station=other)
        )
    county_policy = ArticleFactory()
    with pytest.raises(PermissionDenied):
        services.article_publish(article=county_policy, by=staff)


def test_an_admin_writes_only_within_their_region():
    admin = AdminFactory(region=RegionFactory(code="520998", name="邻县"))
    with pytest.raises(PermissionDenied):
        services.article_create(by=admin, **_fields())


def test_dates_and_scope_are_checked_next_to_their_fields():
    admin = AdminFactory()
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.article_create(
            by=admin, **_fields(valid_from=today, valid_to=today - datetime.timedelta(days=1))
        )
    assert "valid_to" in error.value.message_dict
    elsewhere = StationFactory(region=RegionFactory(code="520998001"))
    township = RegionFactory(code="520999007")
    with pytest.raises(ValidationError) as error:
        services.article_create(by=admin, **_fields(region=township, station=elsewhere))
    assert "station" in error.value.message_dict
    assert not Article.objects.exists()


def test_current_means_published_and_within_its_dates():
    today = timezone.localdate()
    shown = ArticleFactory(published=True)
    ArticleFactory()  # draft
    ArticleFactory(published=True, valid_to=today - datetime.timedelta(days=1))
    ArticleFactory(published=True, valid_from=today + datetime.timedelta(days=1))
    ArticleFactory(state="archived")
    assert home_articles() == [shown]


def test_a_station_sees_its_own_its_township_and_the_county_articles_not_others():
    station = StationFactory()
    county_wide = ArticleFactory(published=True)
    township = ArticleFactory(published=True, region=station.region)
    own = ArticleFactory(published=True, region=station.region, station=station)
    neighbour = StationFactory()
    ArticleFactory(published=True, region=neighbour.region, station=neighbour)
    ArticleFactory(published=True, region=RegionFactory(code="520999099"))
    assert set(station_articles(station)) == {county_wide, township, own}
    assert own not in home_articles(), "a station's own notice stays off the home page"


def test_only_a_pdf_within_the_size_limit_is_attached(settings):
    admin = AdminFactory()
    article = ArticleFactory()
    services.attachment_add(
        article=article,
        by=admin,
        upload=SimpleUploadedFile("政策原文.pdf", b"%PDF-1.7\n...", "application/pdf"),
    )
    with pytest.raises(ValidationError):
        services.attachment_add(
            article=article,
            by=admin,
            upload=SimpleUploadedFile("假的.pdf", b"<html><script>", "application/pdf"),
        )
    settings.PUBLICITY_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        services.attachment_add(
            article=article,
            by=admin,
            upload=SimpleUploadedFile("大.pdf", b"%PDF-1.7\n" + b"x" * 20, "application/pdf"),
        )
    assert article.attachments.count() == 1
    stored = article.attachments.get()
    assert stored.original_name == "政策原文.pdf"
    assert "政策" not in stored.file.name and stored.file.name.endswith(".pdf")


def test_a_consultation_is_a_ledger_entry_about_the_article_and_counts_for_the_county():
    station = StationFactory()
    staff = _staff_at(station)
    subsidy = SubsidyFactory(published=True)
    policy = ArticleFactory(published=True)
    for _ in range(2):
        services.consultation_log(article=subsidy, station=station, by=staff)
    services.consultation_log(article=policy, station=station, by=staff)
    record = ServiceRecord.objects.filter(subject_id=str(subsidy.pk)).first()
    assert record.kind == ServiceRecord.Kind.CONSULTATION
    assert record.subject_type == "publicity.article" and record.subject_label == subsidy.title
    assert record.staff == staff and record.station == station
    today = timezone.localdate()
    assert consultation_counts(AdminFactory(), today, today) == [(subsidy, 2), (policy, 1)]


def test_a_consultation_needs_the_desk_and_a_current_article():
    station = StationFactory()
    staff = _staff_at(station)
    with pytest.raises(PermissionDenied):
        services.consultation_log(
            article=ArticleFactory(published=True), station=StationFactory(), by=staff
        )
    with pytest.raises(ValidationError):
        services.consultation_log(article=ArticleFactory(), station=station, by=staff)
    assert not ServiceRecord.objects.exists()
