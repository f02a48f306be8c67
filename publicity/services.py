"""Writes of the publicity app: one function per change, each in one transaction, each logged.

Who may write (docs/publicity.md): a county admin writes, publishes and archives any article of
their region (county-wide, a township's, or one station's); station staff write, publish and
archive only their own station's articles (its notices and service guides). County and township
policy is the county's word, so staff cannot publish it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from gigmarket.models import User
from gigmarket.roles import Role
from gigmarket.services import transition
from publicity.models import Article, ArticleLog, Attachment
from stations.models import ServiceRecord, Station
from stations.services import service_record_add

#: The fields a form may set on an article.
EDITABLE_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "region",
    "station",
    "valid_from",
    "valid_to",
    "source_office",
    "document_number",
    "for_older",
    "for_hard_to_employ",
    "for_relocated",
    "for_graduates",
)


def max_attachment_bytes() -> int:
    return getattr(settings, "PUBLICITY_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)


def max_attachments() -> int:
    return getattr(settings, "PUBLICITY_MAX_ATTACHMENTS", 5)


def _check_scope(article: Article, by: User) -> None:
    """Raise PermissionDenied unless ``by`` may write an article with this scope."""
    if by.is_superuser:
        return
    if by.has_role(Role.COUNTY_ADMIN):
        if by.region is None or by.region.contains(article.region):
            return
        raise PermissionDenied(_("This region is outside yours."))
    if by.has_role(Role.STATION_STAFF):
        if article.station_id is None:
            raise ValidationError(
                {"station": _("Station staff write only their own station's notices and guides.")}
            )
        if Station.objects.staffed_by(by).filter(pk=article.station_id).exists():
            return
        raise ValidationError({"station": _("You do not work at this station.")})
    raise PermissionDenied


def _require_editable(article: Article, by: User) -> Article:
    """The article, locked, if ``by`` may change it."""
    locked = Article.objects.select_for_update().filter(pk=article.pk).first()
    if locked is None or not Article.objects.editable_by(by).filter(pk=article.pk).exists():
        raise PermissionDenied
    return locked


@transaction.atomic
def article_create(*, by: User, **fields) -> Article:
    """Write a new article as a draft (logged as its first state)."""
    article = Article(
        **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS},
        created_by=by,
        state=Article.State.DRAFT,
    )
    if article.station_id and not article.region_id:
        article.region = article.station.region
    article.full_clean()
    _check_scope(article, by)
    article.save()
    ArticleLog.objects.create(article=article, by=by, from_state="", to_state=article.state)
    return article


@transaction.atomic
def article_update(*, article: Article, by: User, **fields) -> Article:
    """Change an article's text, scope or dates (a published one stays published; audited)."""
    article = _require_editable(article, by)
    for name, value in fields.items():
        if name in EDITABLE_FIELDS:
            setattr(article, name, value)
    if article.state == Article.State.ARCHIVED:
        raise ValidationError(
            _("An archived article cannot be changed; reopen it as a draft first.")
        )
    article.updated_at = timezone.now()
    article.full_clean()
    _check_scope(article, by)
    article.save()
    return article


@transaction.atomic
def article_publish(*, article: Article, by: User) -> Article:
    """Publish a draft: it shows on the public pages while it is valid."""
    article = _require_editable(article, by)
    _check_scope(article, by)
    if not article.body.strip() or not article.summary.strip():
        raise ValidationError(_("Write the summary and the body before publishing."))
    article.published_by = by
    article.published_at = timezone.now()
    transition(
        obj=article,
        to=Article.State.PUBLISHED,
        by=by,
        allowed=Article.TRANSITIONS,
        log_model=ArticleLog,
        log_fk="article",
        field="state",
    )
    return article


@transaction.atomic
def article_archive(*, article: Article, by: User, reason: str = "") -> Article:
    """Take an article off the public pages (superseded, expired, withdrawn)."""
    article = _require_editable(article, by)
    transition(
        obj=article,
        to=Article.State.ARCHIVED,
        by=by,
        allowed=Article.TRANSITIONS,
        log_model=ArticleLog,
        log_fk="article",
        field="state",
        reason=reason,
    )
    return article


@transaction.atomic
def article_reopen(*, article: Article, by: User) -> Article:
    """Bring an archived article back as a draft, to correct and publish again."""
    article = _require_editable(article, by)
    transition(
        obj=article,
        to=Article.State.DRAFT,
        by=by,
        allowed=Article.TRANSITIONS,
        log_model=ArticleLog,
        log_fk="article",
        field="state",
    )
    return article


def check_pdf(upload) -> None:
    """Raise ValidationError unless ``upload`` is a PDF (by its content) within the size limit."""
    name = upload.name or ""
    if upload.size > max_attachment_bytes():
        raise ValidationError(
            _("“%(name)s” is too large: at most %(size)s per file.")
            % {"name": name, "size": filesizeformat(max_attachment_bytes())},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if not name.lower().endswith(".pdf") or head != b"%PDF-":
        raise ValidationError(
            _("“%(name)s” is not a PDF; only PDF files can be attached.") % {"name": name},
            code="bad_type",
        )


@transaction.atomic
def attachment_add(*, article: Article, by: User, upload) -> Attachment:
    """Attach a PDF (checked by its content and size; stored under a random name)."""
    article = _require_editable(article, by)
    if article.attachments.count() >= max_attachments():
        raise ValidationError(
            {"file": _("At most %(n)d files can be attached.") % {"n": max_attachments()}}
        )
    try:
        check_pdf(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    attachment = Attachment(
        article=article,
        original_name=(upload.name or "attachment.pdf")[-200:],
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save("attachment.pdf", upload, save=False)
    attachment.full_clean()
    attachment.save()
    ArticleLog.objects.create(
        article=article,
        by=by,
        from_state=article.state,
        to_state=article.state,
        reason=_("Attached %(name)s.") % {"name": attachment.original_name},
    )
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by: User) -> None:
    """Remove an attachment (its file goes when the transaction commits)."""
    article = _require_editable(attachment.article, by)
    file, name = attachment.file, attachment.original_name
    attachment.delete()
    ArticleLog.objects.create(
        article=article,
        by=by,
        from_state=article.state,
        to_state=article.state,
        reason=_("Removed %(name)s.") % {"name": name},
    )
    transaction.on_commit(lambda: file.storage.delete(file.name))


@transaction.atomic
def consultation_log(*, article: Article, station: Station, by: User) -> ServiceRecord:
    """The window answered a question about ``article``: one consultation in the station's ledger,
    referring to the article (so the county sees which policies people ask about)."""
    if not Station.objects.writable_by(by).filter(pk=station.pk).exists():
        raise PermissionDenied(_("You do not work at this station."))
    if not Article.objects.current().applying_to(station).filter(pk=article.pk).exists():
        raise ValidationError(_("This article is not current at this station."))
    return service_record_add(
        station=station,
        by=by,
        kind=ServiceRecord.Kind.CONSULTATION,
        subject=article,
        subject_label=article.title[:100],
        note=_("Policy consultation"),
    )
