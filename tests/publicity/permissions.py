"""Permission matrix rows for publicity: public policy pages, the wall notice and rights card, the
window's consultation, and the back office (staff write their own station's articles; the county
admin writes any in their region; the consultation counts are the admin's).

The matrix's "staff" works at station ``matrix-home``; the articles written here are that station's.
"""

from django.core.files.base import ContentFile

from tests.permissions import LOGIN, Check, everyone

DESK = {"anonymous": LOGIN, "staff": 200, "admin": 200}
DESK_POST = {"anonymous": LOGIN, "staff": 302, "admin": 302}
ADMIN = {"anonymous": LOGIN, "admin": 200}


def _home():
    from tests.stations.factories import StationFactory

    return StationFactory(code="matrix-home")


def _home_article(**kwargs):
    from tests.publicity.factories import ArticleFactory

    station = _home()
    return ArticleFactory(station=station, region=station.region, **kwargs)


def published(world) -> dict:
    return {"pk": _home_article(published=True).pk}


def draft(world) -> dict:
    return {"pk": _home_article().pk}


def archived(world) -> dict:
    return {"pk": _home_article(state="archived").pk}


def _attachment(**kwargs):
    from publicity.models import Attachment

    article = _home_article(**kwargs)
    attachment = Attachment(article=article, original_name="政策原文.pdf", size=9)
    attachment.file.save("attachment.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return attachment


def published_file(world) -> dict:
    attachment = _attachment(published=True)
    return {"pk": attachment.article_id, "file_pk": attachment.pk}


def draft_file(world) -> dict:
    attachment = _attachment()
    return {"pk": attachment.article_id, "file_pk": attachment.pk}


def station(world) -> dict:
    return {"code": _home().code}


def consult_data(world) -> dict:
    return {"article": _home_article(published=True).pk, "station": "matrix-home"}


CHECKS = [
    Check("publicity:article_list", everyone(200)),
    Check("publicity:article_list", everyone(200), query="?group=older&kind=subsidy"),
    Check("publicity:article_detail", everyone(200), kwargs=published),
    Check(
        "publicity:article_detail",
        {"staff": 200, "admin": 200},
        default=404,
        kwargs=draft,
        note="a draft is seen only by those who may edit it",
    ),
    Check("publicity:attachment_download", everyone(200), kwargs=published_file),
    Check(
        "publicity:attachment_download",
        {"staff": 200, "admin": 200},
        default=404,
        kwargs=draft_file,
        note="a draft's PDF only for its editors",
    ),
    Check("publicity:wall_notice", everyone(200), kwargs=station),
    Check("publicity:rights_card", everyone(200), kwargs=station),
    Check("publicity:consult", DESK, default=403),
    Check("publicity:consult_log", DESK_POST, default=403, method="post", data=consult_data),
    Check("publicity:manage_list", DESK, default=403),
    Check("publicity:article_create", DESK, default=403),
    Check("publicity:consultation_counts", ADMIN, default=403),
    Check("publicity:article_manage", DESK, default=403, kwargs=draft),
    Check("publicity:article_edit", DESK, default=403, kwargs=draft),
    Check("publicity:article_publish", DESK_POST, default=403, method="post", kwargs=draft),
    Check("publicity:article_archive", DESK_POST, default=403, method="post", kwargs=published),
    Check("publicity:article_reopen", DESK_POST, default=403, method="post", kwargs=archived),
    Check(
        "publicity:attachment_add",
        DESK_POST,
        default=403,
        method="post",
        kwargs=draft,
        note="no file: back with a message",
    ),
    Check("publicity:attachment_remove", DESK_POST, default=403, method="post", kwargs=draft_file),
]
