"""Pages of the publicity app: the public policy list and articles, the station's wall notice and
rights-QR card, the back office's editor, and the window's two-tap policy consultation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gigmarket.forms import add_service_errors
from gigmarket.http import public_page
from gigmarket.redirects import redirect_to_next
from gigmarket.roles import Role, role_required
from publicity import forms, markup, qr, selectors, services
from publicity.models import Article, Attachment, Audience
from stations import hours as hours_text
from stations.models import Station

DESK = (Role.STATION_STAFF, Role.COUNTY_ADMIN)
ADMIN = (Role.COUNTY_ADMIN,)
PAGE_SIZE = 20

#: The "what can I get" entry points: a group and one line on what it may find.
ENTRY_POINTS = (
    (Audience.OLDER, gettext_lazy("Work near home, subsidies and insurance for workers over 50")),
    (
        Audience.HARD_TO_EMPLOY,
        gettext_lazy("Job subsidies, public-benefit posts and help for those out of work long"),
    ),
    (Audience.RELOCATED, gettext_lazy("Jobs, training and travel help for households who moved")),
    (Audience.GRADUATES, gettext_lazy("First jobs, traineeships and start-up help for graduates")),
)


# ---- public ----


@login_not_required
@require_GET
@public_page
def article_list(request: HttpRequest) -> HttpResponse:
    """Current policies, subsidy explainers, guides and notices; by kind and by group."""
    form = forms.ArticleFilterForm(request.GET or None)
    articles = Article.objects.current().region_wide().for_listing().newest_first()
    group = ""
    if form.is_valid():
        if form.cleaned_data["kind"]:
            articles = articles.filter(kind=form.cleaned_data["kind"])
        group = form.cleaned_data["group"]
        if group:
            articles = articles.for_audience(group)
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "publicity/article_list.html",
        {
            "form": form,
            "page": page,
            "group": group,
            "group_label": dict(Audience.choices).get(group, ""),
            "entry_points": [
                (code, dict(Audience.choices)[code], line) for code, line in ENTRY_POINTS
            ],
        },
    )


@login_not_required
@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One article: the plain-language summary on top, then the body, source and PDFs."""
    article = get_object_or_404(Article.objects.for_listing(), pk=pk)
    can_edit = Article.objects.editable_by(request.user).filter(pk=pk).exists()
    if article.state == Article.State.DRAFT and not can_edit:
        raise Http404
    return render(
        request,
        "publicity/article_detail.html",
        {
            "article": article,
            "body": markup.render(article.body),
            "attachments": list(article.attachments.all()),
            "can_edit": can_edit,
            "share_qr": qr.data_uri(request.build_absolute_uri(article.get_absolute_url())),
        },
    )


@login_not_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """A PDF of a published article, for anyone (public policy); of a draft only for its editors."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("article"), pk=file_pk, article_id=pk
    )
    if attachment.article.state == Article.State.DRAFT and not (
        Article.objects.editable_by(request.user).filter(pk=pk).exists()
    ):
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _wall_station(code: str) -> Station:
    return get_object_or_404(
        Station.objects.active().select_related("region").prefetch_related("opening_hours"),
        code=code,
    )


def _service_guide(station: Station) -> Article | None:
    """The service guide that applies at the station: its own, else its township's or county's."""
    guides = Article.objects.current().applying_to(station).filter(kind=Article.Kind.GUIDE)
    own = guides.filter(station=station).newest_first().first()
    return own or guides.newest_first().first()


@login_not_required
@require_GET
def wall_notice(request: HttpRequest, code: str) -> HttpResponse:
    """The station's public wall notice (上墙公示): one printable A4 page, no JavaScript."""
    station = _wall_station(code)
    station_url = request.build_absolute_uri(station.get_absolute_url())
    rights = qr.rights_url(request, station.code)
    return render(
        request,
        "publicity/wall_notice.html",
        {
            "station": station,
            "weekly": hours_text.weekly_lines(list(station.opening_hours.all())),
            "guide": _service_guide(station),
            "station_qr": qr.data_uri(station_url, scale=6),
            "rights_qr": qr.data_uri(rights, scale=6),
            "station_url": station_url,
            "rights_url": rights,
        },
    )


@login_not_required
@require_GET
def rights_card(request: HttpRequest, code: str) -> HttpResponse:
    """The rights-QR card on its own (维权码): a small poster for the door or the desk."""
    station = _wall_station(code)
    rights = qr.rights_url(request, station.code)
    return render(
        request,
        "publicity/rights_card.html",
        {"station": station, "rights_qr": qr.data_uri(rights, scale=8), "rights_url": rights},
    )


# ---- back office: writing and publishing ----


def _editable(request: HttpRequest, pk: int) -> Article:
    return get_object_or_404(Article.objects.editable_by(request.user).for_listing(), pk=pk)


@require_GET
@role_required(*DESK)
def manage_list(request: HttpRequest) -> HttpResponse:
    """The articles the user may edit, by state (drafts first)."""
    state = request.GET.get("state", "")
    articles = Article.objects.editable_by(request.user).for_listing()
    if state in Article.State.values:
        articles = articles.filter(state=state)
    articles = articles.order_by("state", "-updated_at", "-pk")
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "publicity/manage_list.html",
        {"page": page, "state": state, "states": Article.State.choices},
    )


@require_http_methods(["GET", "POST"])
@role_required(*DESK)
def article_create(request: HttpRequest) -> HttpResponse:
    form = forms.ArticleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved as a draft. Check it, then publish."))
            return redirect("publicity:article_manage", pk=article.pk)
    return render(
        request,
        "publicity/article_form.html",
        {"form": form, "title": _("New article"), "submit": _("Save draft")},
    )


@require_http_methods(["GET", "POST"])
@role_required(*DESK)
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = _editable(request, pk)
    form = forms.ArticleForm(request.POST or None, instance=article, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.article_update(article=article, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("publicity:article_manage", pk=article.pk)
    return render(
        request,
        "publicity/article_form.html",
        {"form": form, "article": article, "title": article.title, "submit": _("Save")},
    )


@require_GET
@role_required(*DESK)
def article_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """An article's back-office page: preview, attachments, publish or archive, its log."""
    article = _editable(request, pk)
    return render(
        request,
        "publicity/article_manage.html",
        {
            "article": article,
            "body": markup.render(article.body),
            "attachments": list(article.attachments.all()),
            "logs": list(article.logs.select_related("by")),
            "attachment_form": forms.AttachmentForm(),
            "reason_form": forms.ReasonForm(),
        },
    )


def _act(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    article = _editable(request, pk)
    try:
        action(article)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("publicity:article_manage", pk=article.pk)


@require_POST
@role_required(*DESK)
def article_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda a: services.article_publish(article=a, by=request.user),
        _("Published: it shows on the public pages while it is valid."),
    )


@require_POST
@role_required(*DESK)
def article_archive(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(
        request,
        pk,
        lambda a: services.article_archive(article=a, by=request.user, reason=reason),
        _("Archived: it no longer shows on the public pages."),
    )


@require_POST
@role_required(*DESK)
def article_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda a: services.article_reopen(article=a, by=request.user),
        _("Back to draft."),
    )


@require_POST
@role_required(*DESK)
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    article = _editable(request, pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
    else:
        try:
            services.attachment_add(
                article=article, by=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("File attached."))
    return redirect("publicity:article_manage", pk=article.pk)


@require_POST
@role_required(*DESK)
def attachment_remove(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    article = _editable(request, pk)
    attachment = get_object_or_404(Attachment, article=article, pk=file_pk)
    services.attachment_remove(attachment=attachment, by=request.user)
    messages.success(request, _("File removed."))
    return redirect("publicity:article_manage", pk=article.pk)


# ---- the window: policy consultation in two taps ----


def _desk_station(request: HttpRequest) -> tuple[Station | None, list[Station]]:
    """The station the desk works for (chosen by ``?station=``, else the first) and the choices."""
    stations = list(Station.objects.writable_by(request.user).active().order_by("code"))
    chosen = request.GET.get("station") or request.POST.get("station")
    station = next((s for s in stations if s.code == chosen), stations[0] if stations else None)
    return station, stations


@require_GET
@role_required(*DESK)
def consult(request: HttpRequest) -> HttpResponse:
    """The window's list of current articles: one tap on the one the person asked about logs a
    policy consultation in the station's ledger."""
    station, stations = _desk_station(request)
    articles = selectors.station_articles(station, limit=50) if station is not None else []
    return render(
        request,
        "publicity/consult.html",
        {"station": station, "stations": stations, "articles": articles},
    )


@require_POST
@role_required(*DESK)
def consult_log(request: HttpRequest) -> HttpResponse:
    form = forms.ConsultationForm(request.POST, user=request.user)
    back = reverse("publicity:consult")
    if not form.is_valid():
        messages.error(request, _("Choose an article that is current at your station."))
        return redirect_to_next(request, back)
    station = form.cleaned_data["station"]
    try:
        record = services.consultation_log(
            article=form.cleaned_data["article"], station=station, by=request.user
        )
    except PermissionDenied:
        raise
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Recorded: a consultation about “%(title)s” at %(time)s.")
            % {
                "title": record.subject_label,
                "time": timezone.localtime(record.at).strftime("%H:%M"),
            },
        )
    return redirect_to_next(request, f"{back}?station={station.code}")


@require_GET
@role_required(*ADMIN)
def consultation_counts(request: HttpRequest) -> HttpResponse:
    """Which policies people ask about: consultations per article at the stations in the admin's reach."""
    form = forms.PeriodForm(request.GET or forms.PeriodForm.default_initial())
    rows = []
    if form.is_valid():
        rows = selectors.consultation_counts(
            request.user, form.cleaned_data["start"], form.cleaned_data["end"]
        )
    return render(
        request,
        "publicity/consultation_counts.html",
        {"form": form, "rows": rows, "total": sum(n for _a, n in rows)},
    )
