"""Publicity pages: the public list and article, sanitised bodies, the wall notice and rights QR,
the home page, station page and big screen, the window's two taps, the county's counts."""

import json
import re

import pytest
import segno
from django.urls import reverse
from django.utils import timezone

from publicity.markup import render
from publicity.models import Article
from stations.models import ServiceRecord
from tests.gigmarket.factories import AdminFactory, StationStaffFactory
from tests.publicity.factories import ArticleFactory, SubsidyFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


# ---- the body: Markdown in, sanitised HTML out ----


def test_a_body_keeps_simple_marks_and_loses_scripts_handlers_and_javascript_links():
    html = render(
        "# 标题\n\n**加粗** <script>alert(1)</script>\n\n"
        '- 一\n- 二\n\n[电话](tel:12333) [坏](javascript:alert(1)) <img src=x onerror="alert(1)">'
    )
    assert "<h2>标题</h2>" in html and "<strong>加粗</strong>" in html and "<li>一</li>" in html
    assert 'href="tel:12333"' in html
    for bad in ("<script", "onerror", "javascript:", "<img", "<h1"):
        assert bad not in html


def test_the_body_is_stored_as_typed_and_sanitised_on_the_page(client):
    article = ArticleFactory(published=True, body='说明<script>alert("x")</script>')
    assert Article.objects.get(pk=article.pk).body == article.body  # no HTML stored
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'alert("x")' not in html.split("<main", 1)[1].split("</main>", 1)[0]


# ---- public pages ----


def test_the_article_page_puts_the_plain_summary_first_then_body_source_and_pdfs(client):
    article = SubsidyFactory(
        published=True,
        summary="交了社保的大龄人员可以领补贴。",
        source_office="示范县人社局",
        document_number="示人社发〔2026〕12号",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert main.index("交了社保的大龄人员可以领补贴。") < main.index("谁能领")
    assert "示范县人社局 示人社发〔2026〕12号" in main
    assert "<script" not in main, "no JavaScript needed on the page"


def test_a_draft_is_not_public(client):
    assert client.get(ArticleFactory().get_absolute_url()).status_code == 404


def test_what_can_i_get_lists_the_articles_for_that_group(client):
    older = SubsidyFactory(published=True, title="大龄补贴")
    ArticleFactory(published=True, title="毕业生见习", for_graduates=True)
    html = client.get(reverse("publicity:article_list"), {"group": "older"}).content.decode()
    assert older.title in html and "毕业生见习" not in html
    html = client.get(reverse("publicity:article_list")).content.decode()
    for group in ("older", "hard_to_employ", "relocated", "graduates"):
        assert f'href="?group={group}"' in html


def test_the_public_list_query_count_does_not_grow(client, django_assert_num_queries):
    for _ in range(3):
        ArticleFactory(published=True)
    client.get(reverse("publicity:article_list"))
    for _ in range(5):
        ArticleFactory(published=True)
    with django_assert_num_queries(2):  # count, page (region and station joined)
        client.get(reverse("publicity:article_list"))


def test_a_subsidy_explainer_shows_on_the_home_page_the_station_page_and_the_big_screen(client):
    station = StationFactory()
    article = SubsidyFactory(published=True, title="灵活就业社保补贴", summary="大龄的可以领。")
    for url in (
        reverse("core:home"),
        station.get_absolute_url(),
        reverse("jobs:station_screen", kwargs={"code": station.code}),
    ):
        html = client.get(url).content.decode()
        assert "灵活就业社保补贴" in html, url
        assert article.get_absolute_url() in html or url.startswith("/jobs/screen/"), url
    screen = client.get(reverse("jobs:station_screen", kwargs={"code": station.code}))
    assert "大龄的可以领。" in screen.content.decode()


def test_the_big_screen_puts_an_article_after_every_few_jobs():
    from jobs.views.postings import interleave

    jobs = [f"j{n}" for n in range(7)]
    assert interleave(jobs, ["a", "b"], every=3) == [
        "j0", "j1", "j2", "a", "j3", "j4", "j5", "b", "j6",
    ]  # fmt: skip
    assert interleave([], ["a", "b"], every=3) == ["a", "b"]
    assert interleave(["j0"], ["a", "b"], every=3) == ["j0", "a", "b"]


def test_the_wall_notice_has_everything_the_standard_asks_and_a_rights_qr(client, settings):
    settings.SERVICE_HOTLINE = "0851-12333"
    station = StationFactory(
        name="城关零工驿站", services=["instant_hire"], complaint_phone="0851-86001235"
    )
    ArticleFactory(
        published=True, kind="guide", title="办事指南", summary="带身份证来。", station=station,
        region=station.region,
    )  # fmt: skip
    response = client.get(reverse("publicity:wall_notice", kwargs={"code": station.code}))
    html = response.content.decode()
    for text in ("城关零工驿站", "零工驿站", station.address, "即时快招", "带身份证来。",
                 "0851-88886666", "0851-86001235", "0851-12333", "本站所有服务一律免费"):  # fmt: skip
        assert text in html, text
    assert html.count('src="data:image/svg+xml') == 2
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    rights = "http://testserver" + reverse("rights:complaint_create") + f"?station={station.code}"
    expected = segno.make(rights, error="m").svg_data_uri(scale=6, border=2)
    assert expected in html, "the rights QR encodes the complaint form for this station"


def test_the_rights_qr_opens_the_complaint_form_with_the_station_chosen(client):
    StationFactory(code="other")
    station = StationFactory(code="chengguan")
    html = client.get(reverse("rights:complaint_create"), {"station": "chengguan"}).content.decode()
    assert re.search(rf'<option value="{station.pk}" selected>', html)
    html = client.get(reverse("rights:complaint_create"), {"station": "nowhere"}).content.decode()
    assert f'<option value="{station.pk}" selected>' not in html, "an unknown code chooses nothing"


def test_the_rights_card_and_the_big_screen_footer_carry_the_rights_qr(client):
    station = StationFactory()
    card = client.get(reverse("publicity:rights_card", kwargs={"code": station.code}))
    assert "维权码" in card.content.decode()
    screen = client.get(reverse("jobs:station_screen", kwargs={"code": station.code}))
    footer = screen.content.decode().split('<footer class="screen__footer">', 1)[1]
    assert "data-rights-qr" in footer


# ---- the window and the county ----


def test_staff_log_a_consultation_in_two_taps_from_the_workbench(client):
    station = StationFactory()
    staff = StationStaffFactory()
    StationAssignmentFactory(user=staff, station=station)
    article = SubsidyFactory(published=True)
    client.force_login(staff, backend="gigmarket.backends.UsernameOrMobileBackend")
    workbench = client.get(reverse("core:workbench")).content.decode()
    assert reverse("publicity:consult_log") in workbench and article.title in workbench
    response = client.post(
        reverse("publicity:consult_log"),
        {"article": article.pk, "station": station.code, "next": "/workbench/"},
    )
    assert response.status_code == 302 and response["Location"] == "/workbench/"
    record = ServiceRecord.objects.get()
    assert record.subject_label == article.title and record.station == station
    assert record.at.date() == timezone.now().date()


def test_the_county_sees_which_policies_people_ask_about(client):
    station = StationFactory()
    staff = StationStaffFactory()
    StationAssignmentFactory(user=staff, station=station)
    article = SubsidyFactory(published=True, title="问得最多的补贴")
    client.force_login(staff, backend="gigmarket.backends.UsernameOrMobileBackend")
    for _ in range(3):
        client.post(
            reverse("publicity:consult_log"), {"article": article.pk, "station": station.code}
        )
    client.force_login(AdminFactory(), backend="gigmarket.backends.UsernameOrMobileBackend")
    html = client.get(reverse("publicity:consultation_counts")).content.decode()
    assert re.search(r"问得最多的补贴</a></td><td>[^<]+</td><td class=\"num\">3</td>", html)


def test_staff_write_and_publish_a_station_notice_through_the_pages(client):
    station = StationFactory()
    staff = StationStaffFactory()
    StationAssignmentFactory(user=staff, station=station)
    client.force_login(staff, backend="gigmarket.backends.UsernameOrMobileBackend")
    response = client.post(
        reverse("publicity:article_create"),
        {"kind": "notice", "title": "本周六停水", "summary": "周六驿站停水一天。", "body": "请自带饮水。",
         "station": station.pk},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    article = Article.objects.get()
    assert article.station == station and article.region == station.region
    client.post(reverse("publicity:article_publish", kwargs={"pk": article.pk}))
    assert Article.objects.get().state == "published"
    assert "本周六停水" in client.get(station.get_absolute_url()).content.decode()


def test_a_bad_form_shows_the_message_next_to_the_field_and_saves_nothing(client):
    client.force_login(AdminFactory(), backend="gigmarket.backends.UsernameOrMobileBackend")
    response = client.post(
        reverse("publicity:article_create"),
        {"kind": "policy", "title": "", "summary": "一句话", "body": "正文",
         "valid_from": "2026-12-10", "valid_to": "2026-12-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "field-error" in response.content.decode()
    assert not Article.objects.exists()


def test_the_directory_draws_a_leaflet_map_only_with_a_tile_url(client, settings):
    from gigmarket import facts

    StationFactory(located=True)
    html = client.get(reverse("stations:station_list")).content.decode()
    assert "leaflet" not in html and 'id="station-map"' not in html
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    before = facts._providers.get(facts.MAP_EVENTS)
    facts.provide(
        facts.MAP_EVENTS,
        lambda region: [{"title": "周六专场招聘", "url": "/events/1/", "lat": 26.58, "lng": 106.71,
                         "starts": timezone.now()}],
    )  # fmt: skip
    try:
        html = client.get(reverse("stations:station_list"), {"township": ""}).content.decode()
    finally:
        facts._providers.pop(facts.MAP_EVENTS, None)
        if before is not None:
            facts.provide(facts.MAP_EVENTS, before)
    assert "vendor/leaflet/leaflet" in html and 'id="event-points"' in html
    events = json.loads(
        html.split('id="event-points" type="application/json">', 1)[1].split("<", 1)[0]
    )
    assert [e["title"] for e in events] == ["周六专场招聘"]
    assert "station-card" in html, "the list stays beside the map"
