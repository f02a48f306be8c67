"""Pages of the jobs app: the public list, job pages, big screen and feeds; employers' and
staff's job orders; the review queue; the employer register."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Value
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from gigmarket import facts, phone_codes
from gigmarket.forms import add_service_errors
from gigmarket.http import public_page, shared_page
from gigmarket.masking import mask_mobile
from gigmarket.models import Message, Occupation, Region, User
from gigmarket.network import client_ip
from gigmarket.roles import Role, role_required
from gigmarket.services import personal_data_opened
from gigmarket.templatetags.gigmarket import yuan
from jobs import checker, listing, services
from jobs.filters import PublicJobFilter, kind_of_work_choices
from jobs.forms import (
    ApproveForm,
    EmployerForm,
    EmployerRegisterForm,
    EmployerSuspendForm,
    JobForm,
    PostingRuleForm,
    ReasonForm,
    RejectForm,
    StaffJobForm,
    WeeklyForm,
)
from jobs.models import Employer, Job, JobTransition, PostingRule
from jobs.schema import employer_public_name, job_posting, public_address
from publicity.models import Article
from stations.models import Station

PAGE_SIZE = 20
#: Characters of a posting's text the checker reads while it is typed (far past any real one).
CHECKED_TEXT_LIMIT = 20000
#: The list shows at most this many pages (1,000 jobs); past them, narrow the filter.
MAX_PAGES = 50
STAFF_ROLES = (Role.STATION_STAFF, Role.COUNTY_ADMIN)
REVIEW_ROLES = (Role.REVIEWER, Role.COUNTY_ADMIN)

#: Big buttons for the kinds of work asked for most (occupation codes).
COMMON_KINDS = [
    ("4-01", "🧹"),
    ("4-09", "📦"),
    ("4-02", "🏠"),
    ("6-16", "🧱"),
    ("4-11", "🍳"),
    ("5-01", "🌾"),
]


def _qr_data_uri(url: str) -> str:
    return listing.qr_data_uri(url)


def _employer_of(user: User) -> Employer | None:
    if user.is_authenticated and user.kind == User.Kind.EMPLOYER:
        return Employer.objects.filter(user=user).first()
    return None


def _is_job_editor(user: User) -> bool:
    return user.is_authenticated and (
        user.kind == User.Kind.EMPLOYER or user.has_role(*STAFF_ROLES)
    )


def job_editor_required(view):
    """403 unless the user is an employer account or station staff / county admin."""

    def wrapped(request, *args, **kwargs):
        if not _is_job_editor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# ---- public ----


class BoundedPaginator(Paginator):
    """At most ``MAX_PAGES`` pages, so that no page of the list costs more than page 50: past
    them, the list asks the visitor to narrow the filter."""

    @cached_property
    def count(self) -> int:
        """Counted up to one past what can be shown, so that the count reads at most ~1,000
        index entries however many jobs match (more are shown as "more than 1,000")."""
        # No ORDER BY inside: with it, PostgreSQL must read every match to sort before the limit.
        return self.object_list.order_by()[: MAX_PAGES * self.per_page + 1].count()

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, MAX_PAGES)


def _filters_key(query) -> str:
    """The list's filters in the query string as one canonical string (the cache key)."""
    fields = PublicJobFilter.Meta.fields
    return urlencode(sorted((k, v) for k, v in query.items() if k in fields and v))


CARD_FIELDS = (
    "pk",
    "title",
    "pay_min",
    "pay_max",
    "pay_unit",
    "nature",
    "settlement",
    "start_date",
    "end_date",
    "headcount",
    "opened_at",
    "occupation_id",
    "region_id",
    "station_id",
)


def _names() -> dict[str, dict[int, str]]:
    """Names of occupations, regions and stations by id (three small tables), in one query."""
    names: dict[str, dict[int, str]] = {"occupation": {}, "region": {}, "station": {}}
    rows = (
        Occupation.objects.order_by()
        .annotate(table=Value("occupation"))
        .values_list("table", "pk", "name")
        .union(
            Region.objects.order_by()
            .annotate(table=Value("region"))
            .values_list("table", "pk", "name"),
            Station.objects.order_by()
            .annotate(table=Value("station"))
            .values_list("table", "pk", "name"),
            all=True,
        )
    )
    for table, pk, name in rows:
        names[table][pk] = name
    return names


#: One card of the list, as jobs/includes/_job_results.html drew it with a loop: filled in by
#: ``format_html`` (every value escaped) in one pass, ~20x cheaper than a template loop.
CARD = """<li class="job-card card">
  <h2 class="job-card__title"><a href="{url}">{title}</a></h2>
  <p class="job-card__pay"><strong>{pay}</strong> 元 {pay_unit}</p>
  <p class="job-card__facts">
    <span>{occupation}</span> · <span>{nature}</span> · <span>{region}</span>
  </p>
  <p class="job-card__facts">
    {start}{until}
    · {people}
    · {settlement}
  </p>
  <p class="muted job-card__age">{posted}{station}</p>
</li>
"""


def _day(value) -> str:
    """A date as the cards show it ("n月j日", what ``date:"n月j日"`` gives)."""
    return f"{value.month}月{value.day}日"


def _cards(ids: list[int]) -> str:
    """The cards of these jobs, in this order, as HTML: plain rows without joins, names from the
    shared cache, each translated pattern looked up once per page, no template."""
    rows = {row["pk"]: row for row in Job.objects.filter(pk__in=ids).values(*CARD_FIELDS)}
    names = listing.cached(listing.form_key("card-names"), _names, listing.FORM_SECONDS)
    detail = reverse("jobs:job_detail", kwargs={"pk": 0})[:-2]
    # get_FOO_display() rebuilds the choices dict on every call: look each label up once.
    labels = {
        field: {value: str(label) for value, label in Job._meta.get_field(field).flatchoices}
        for field in ("pay_unit", "nature", "settlement")
    }
    starts, posted = gettext("From %(start)s"), gettext("Posted %(ago)s")
    cards = []
    for pk in ids:
        job = rows[pk]
        pay = yuan(job["pay_min"])
        if job["pay_max"] and job["pay_max"] != job["pay_min"]:
            pay += "–" + yuan(job["pay_max"])
        station = names["station"].get(job["station_id"], "") if job["station_id"] else ""
        cards.append(
            format_html(
                CARD,
                url=f"{detail}{pk}/",
                title=job["title"],
                pay=pay,
                pay_unit=labels["pay_unit"].get(job["pay_unit"], job["pay_unit"]),
                occupation=names["occupation"].get(job["occupation_id"], ""),
                nature=labels["nature"].get(job["nature"], job["nature"]),
                region=names["region"].get(job["region_id"], ""),
                start=starts % {"start": _day(job["start_date"])},
                until=" – " + _day(job["end_date"]) if job["end_date"] else "",
                people=ngettext("%(n)s person", "%(n)s people", job["headcount"])
                % {"n": job["headcount"]},
                settlement=labels["settlement"].get(job["settlement"], job["settlement"]),
                posted=posted % {"ago": naturaltime(job["opened_at"])},
                station=" · " + station if station else "",
            )
        )
    return mark_safe("".join(cards))  # every value escaped by format_html


def _common_kinds() -> list[dict]:
    """The quick links to common kinds of work, named from the filter's (cached) choices: they
    are all concrete kinds, so no query of their own."""
    names = {code: name for _group, kinds in kind_of_work_choices() for code, name in kinds}
    return [{"code": c, "icon": i, "name": names[c]} for c, i in COMMON_KINDS if c in names]


def _lists_version() -> str:
    """What the cached list pages depend on besides their URL: the day and the jobs' generation."""
    return f"{timezone.localdate():%Y%m%d}.{listing.generation()}"


@login_not_required
@require_safe
@public_page
@shared_page(params=frozenset([*PublicJobFilter.Meta.fields, "page"]), version=_lists_version)
def job_list(request: HttpRequest) -> HttpResponse:
    """Open jobs, newest first, filtered by what the URL says (找活). The filter form and each
    page's cards per filter come from the shared cache (see ``jobs.listing``)."""
    bound = bool(request.GET)
    filters = _filters_key(request.GET)
    try:
        number = max(1, min(int(request.GET.get("page", 1)), MAX_PAGES))
    except ValueError:
        number = 1
    keys = {
        "results": listing.list_key("results", filters, number),
        "form": listing.form_key(f"{int(bound)}:{filters}"),
        "kinds": listing.form_key("common-kinds"),
    }
    # Only valid filters are ever stored: a hit needs no validation, no form and no query.
    found = cache.get_many(keys.values())
    html = {name: found.get(key) for name, key in keys.items()}
    if html["results"] is None or html["form"] is None:
        # The unbound list needs no filter set unless its form is to be drawn.
        filterset = (
            PublicJobFilter(request.GET or None, queryset=Job.objects.listed())
            if bound or html["form"] is None
            else None
        )
        valid = not bound or filterset.is_valid()
        jobs = filterset.qs if bound and valid else Job.objects.listed()
        html["results"] = html["results"] if valid else None
        if html["results"] is None:
            html["results"] = _results_html(request, jobs, number, filters)
            if valid:  # invalid input is drawn with its errors and never cached
                cache.set(keys["results"], html["results"], listing.FRAGMENT_SECONDS)
        if html["form"] is None or not valid:
            html["form"] = render_to_string("includes/_form.html", {"form": filterset.form})
            if valid:
                cache.set(keys["form"], html["form"], listing.FORM_SECONDS)
    if html["kinds"] is None:
        html["kinds"] = _common_kinds()
        cache.set(keys["kinds"], html["kinds"], listing.FORM_SECONDS)
    return render(
        request,
        "jobs/job_list.html",
        {
            "filter_open": bound,
            "filter_form": mark_safe(html["form"]),  # drawn by our own templates
            "results": mark_safe(html["results"]),
            "kinds": html["kinds"],
        },
    )


def _results_html(request: HttpRequest, jobs, number: int, filters: str) -> str:
    """The count, one page of cards and the pager. The pager's links carry the filters only:
    the fragment is stored under them and served to everyone who asks for them."""
    paginator = BoundedPaginator(jobs.order_by("-opened_at", "-pk"), PAGE_SIZE)
    page = paginator.get_page(number)
    # The page's ids first (an index-only scan, however deep the page), then their rows.
    cards = _cards(list(page.object_list.values_list("pk", flat=True)))
    return render_to_string(
        "jobs/includes/_job_results.html",
        {
            "page": page,
            "cards": cards,
            "more_than_shown": paginator.count > MAX_PAGES * PAGE_SIZE,
            "last_page": page.number == paginator.num_pages,
            "shown": MAX_PAGES * PAGE_SIZE,
            "query": QueryDict(filters),
        },
        request=request,
    )


@login_not_required
@require_safe
@public_page
@shared_page(version=_lists_version)
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything a worker needs to decide, tap-to-call the station, and the JobPosting markup."""
    # The row with its relations from the shared cache (forgotten whenever a job is saved).
    key = listing.list_key("job", str(pk))
    job = cache.get(key)
    if job is None:
        job = get_object_or_404(
            Job.objects.public().select_related(
                "employer", "station", "occupation", "region", "industry"
            ),
            pk=pk,
        )
        cache.set(key, job, listing.FRAGMENT_SECONDS)
    url = request.build_absolute_uri(job.get_absolute_url())
    return render(
        request,
        "jobs/job_detail.html",
        {
            "job": job,
            "employer_name": employer_public_name(job.employer),
            "address": public_address(job),
            "json_ld": json.dumps(job_posting(job, url), ensure_ascii=False).replace("</", "<\\/"),
            "qr": _qr_data_uri(url),
            "share_url": url,
            "can_manage": Job.objects.visible_to(request.user).filter(pk=job.pk).exists()
            if request.user.is_authenticated
            else False,
            "can_dispatch": request.user.is_authenticated
            and request.user.has_role(*STAFF_ROLES)
            and Job.objects.dispatchable_by(request.user).filter(pk=job.pk).exists(),
            "is_seeker": request.user.is_authenticated and request.user.kind == User.Kind.SEEKER,
            "my_placement": _my_placement(request.user, job),
        },
    )


def _my_placement(user: User, job: Job):
    """The logged-in seeker's own placement on ``job`` (their sign-up), if any."""
    if not (user.is_authenticated and user.kind == User.Kind.SEEKER):
        return None
    return job.placements.filter(seeker__user=user).first()


@login_not_required
@require_GET
def job_flyer(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable A4 flyer with a QR code, for the station's bulletin board."""
    job = get_object_or_404(
        Job.objects.open().select_related("employer", "station", "occupation", "region"), pk=pk
    )
    url = request.build_absolute_uri(job.get_absolute_url())
    return render(
        request,
        "jobs/job_flyer.html",
        {
            "job": job,
            "employer_name": employer_public_name(job.employer),
            "address": public_address(job),
            "qr": _qr_data_uri(url),
        },
    )


@login_not_required
@require_GET
def station_screen(request: HttpRequest, code: str) -> HttpResponse:
    """The station's big screen (信息发布大屏): its open jobs in large type, rotating, refreshing."""
    station = get_object_or_404(Station.objects.active(), code=code)
    jobs = list(
        Job.objects.listed().at_station(station).for_cards().order_by("-opened_at", "-pk")[:30]
    )
    cards = [
        {"job": job, "qr": _qr_data_uri(request.build_absolute_uri(job.get_absolute_url()))}
        for job in jobs
    ]
    # Current policies and notices for this station, one after every few jobs (政策宣传).
    articles = [
        {"article": a, "qr": _qr_data_uri(request.build_absolute_uri(a.get_absolute_url()))}
        for a in Article.objects.current().applying_to(station).newest_first()[:SCREEN_ARTICLES]
    ]
    rights_url = request.build_absolute_uri(
        reverse("rights:complaint_create") + f"?station={station.code}"
    )
    return render(
        request,
        "jobs/station_screen.html",
        {
            "station": station,
            "cards": interleave(cards, articles, every=SCREEN_JOBS_PER_ARTICLE),
            "rights_qr": _qr_data_uri(rights_url),
            "live_events": facts.ask(facts.STATION_LIVE_EVENTS, station, default=[]),
        },
    )


#: The big screen shows up to this many current articles, one after every few jobs.
SCREEN_ARTICLES = 5
SCREEN_JOBS_PER_ARTICLE = 3


def interleave(jobs: list, articles: list, *, every: int) -> list:
    """Jobs with an article after every ``every`` of them (articles repeat while jobs last; with
    few or no jobs, every article still gets its turn)."""
    if not articles:
        return jobs
    slides, shown = [], 0
    for n, card in enumerate(jobs, start=1):
        slides.append(card)
        if n % every == 0:
            slides.append(articles[shown % len(articles)])
            shown += 1
    slides.extend(articles[shown:])
    return slides


def _feed_jobs(request: HttpRequest):
    jobs = Job.objects.listed().select_related("employer", "occupation", "region", "station")
    if request.GET.get("station"):
        jobs = jobs.filter(station__code=request.GET["station"])
    if request.GET.get("occupation"):
        jobs = jobs.filter(occupation__code=request.GET["occupation"])
    return jobs.order_by("-opened_at", "-pk")[:100]


@login_not_required
@require_GET
def feed_json(request: HttpRequest) -> JsonResponse:
    """Open jobs as schema.org JobPosting items (for the province's platform and partners)."""
    items = [
        job_posting(job, request.build_absolute_uri(job.get_absolute_url()))
        for job in _feed_jobs(request)
    ]
    for item in items:
        item.pop("@context", None)
    return JsonResponse(
        {
            "@context": "https://schema.org",
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListElement": items,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_not_required
@require_GET
def feed_rss(request: HttpRequest) -> HttpResponse:
    """Open jobs as RSS 2.0."""
    from django.utils.feedgenerator import Rss201rev2Feed

    feed = Rss201rev2Feed(
        title=_("Open jobs"),
        link=request.build_absolute_uri(reverse("jobs:job_list")),
        description=_("Open jobs published by the gig market and its stations."),
        language="zh-cn",
    )
    for job in _feed_jobs(request):
        feed.add_item(
            title=f"{job.title} · {job.pay_min}{'–' + str(job.pay_max) if job.pay_max else ''} {job.get_pay_unit_display()}",
            link=request.build_absolute_uri(job.get_absolute_url()),
            description=job.content,
            pubdate=job.opened_at,
            unique_id=request.build_absolute_uri(job.get_absolute_url()),
            categories=[job.occupation.name],
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def employer_register(request: HttpRequest) -> HttpResponse:
    """An employer registers online with mobile + password, step one; a code by text finishes it.

    The next page is the same whether or not the mobile is already registered: only the text
    sent to that mobile says which (the page never confirms a number to a stranger).
    """
    if request.user.is_authenticated:
        if request.user.kind == User.Kind.EMPLOYER:
            return redirect("jobs:employer_home")
        return redirect("core:after_login")
    form = EmployerRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            credit_code, mobile, password_hash, code_hash = services.employer_registration_begin(
                kind=data["kind"],
                name=data["name"],
                credit_code=data["credit_code"],
                mobile=data["mobile"],
                password=data["password"],
                client=client_ip(request) or "",
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "contact_mobile" in error.error_dict:
                error.error_dict["mobile"] = error.error_dict.pop("contact_mobile")
            add_service_errors(form, error)
        else:
            phone_codes.PendingRegistration.begin(
                request.session,
                EMPLOYER_REGISTRATION_KEY,
                mobile=mobile,
                code_hash=code_hash,
                kind=data["kind"],
                name=data["name"],
                credit_code=credit_code,
                contact_name=data["contact_name"],
                password_hash=password_hash,
                region=data["region"].pk,
                address=data["address"],
            )
            return redirect("jobs:employer_register_confirm")
    return render(request, "jobs/employer_register.html", {"form": form})


EMPLOYER_REGISTRATION_KEY = "jobs:employer-registration"


@login_not_required
@require_http_methods(["GET", "POST"])
def employer_register_confirm(request: HttpRequest) -> HttpResponse:
    """An employer registers online, step two: the code texted to the mobile finishes it."""

    def register(pending: phone_codes.PendingRegistration) -> User:
        return services.employer_register(
            kind=pending["kind"],
            name=pending["name"],
            credit_code=pending["credit_code"],
            contact_name=pending["contact_name"],
            mobile=pending["mobile"],
            password_hash=pending["password_hash"],
            region=Region.objects.get(pk=pending["region"]),
            address=pending["address"],
        ).user

    return phone_codes.code_page(
        request,
        key=EMPLOYER_REGISTRATION_KEY,
        start="jobs:employer_register",
        template="jobs/employer_register_confirm.html",
        register=register,
        welcome=_("Registered. You can now post jobs; each is reviewed before it is published."),
        done="jobs:employer_home",
    )


# ---- employers' own page ----


@require_GET
def employer_home(request: HttpRequest) -> HttpResponse:
    """An employer's own jobs and their status."""
    if request.user.kind != User.Kind.EMPLOYER:
        raise PermissionDenied
    employer = _employer_of(request.user)
    jobs = employer.jobs.select_related("occupation").order_by("-created_at") if employer else []
    return render(request, "jobs/employer_home.html", {"employer": employer, "jobs": jobs})


# ---- job orders (employers and staff) ----


@require_http_methods(["GET", "POST"])
def manage_list(request: HttpRequest) -> HttpResponse:
    """Jobs this user may work on (their station's, their region's), by status.

    The keyword search is a POST (as the employer and seeker searches): staff often type a
    person's name or mobile, which must not land in a URL or an access log. The status filter
    and the page number stay in the query string.
    """
    if not (request.user.has_role(*STAFF_ROLES, Role.REVIEWER)):
        raise PermissionDenied
    jobs = Job.objects.visible_to(request.user).select_related("employer", "station", "occupation")
    data = request.POST if request.method == "POST" else request.GET
    status = data.get("status", "")
    if status in Job.Status.values:
        jobs = jobs.filter(status=status)
    q = request.POST.get("q", "").strip() if request.method == "POST" else ""
    jobs = jobs.matching_text(q).order_by("-updated_at", "-pk")
    page = Paginator(jobs, 50).get_page(data.get("page"))
    return render(
        request,
        "jobs/manage_list.html",
        {"page": page, "status": status, "statuses": Job.Status.choices, "q": q},
    )


@require_GET
def job_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The jobs this user may work on, as CSV (UTF-8 with BOM) or XLSX; contacts masked."""
    from gigmarket.tabular import csv_bytes, xlsx_bytes

    if not request.user.has_role(*STAFF_ROLES, Role.REVIEWER):
        raise PermissionDenied
    if fmt not in ("csv", "xlsx"):
        raise Http404
    jobs = (
        Job.objects.visible_to(request.user)
        .select_related("employer", "station", "occupation", "region")
        .order_by("-created_at", "-pk")
    )
    status = request.GET.get("status", "")
    if status in Job.Status.values:
        jobs = jobs.filter(status=status)
    header = [
        _("Title"),
        _("Employer"),
        _("Kind of work"),
        _("Nature of work"),
        _("Place"),
        _("Headcount"),
        _("Pay"),
        _("Pay up to"),
        _("Pay unit"),
        _("Pay settlement"),
        _("Start date"),
        _("End date"),
        _("Valid through"),
        _("Collecting station"),
        _("Status"),
        _("First opened"),
        _("Contact"),
    ]
    rows = [
        [
            job.title,
            employer_public_name(job.employer),
            job.occupation.name,
            job.get_nature_display(),
            job.region.name,
            job.headcount,
            float(job.pay_min),
            float(job.pay_max) if job.pay_max is not None else None,
            job.get_pay_unit_display(),
            job.get_settlement_display(),
            job.start_date.isoformat(),
            job.end_date.isoformat() if job.end_date else "",
            job.valid_through.isoformat(),
            job.station.name if job.station else "",
            job.get_status_display(),
            timezone.localdate(job.opened_at).isoformat() if job.opened_at else "",
            mask_mobile(job.employer.contact_mobile),
        ]
        for job in jobs.iterator(chunk_size=2000)
    ]
    if fmt == "xlsx":
        body = xlsx_bytes([(str(_("Jobs")), header, rows)])
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = csv_bytes(header, rows)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="jobs.{fmt}"'
    return response


def _stations_for(user: User):
    if user.kind == User.Kind.EMPLOYER:
        return Station.objects.active()
    return Station.objects.writable_by(user).filter(active=True)


@job_editor_required
@require_http_methods(["GET", "POST"])
def job_create(request: HttpRequest) -> HttpResponse:
    """A new job order: an employer's own, or taken by staff for an employer."""
    user = request.user
    employer = _employer_of(user)
    if user.kind == User.Kind.EMPLOYER and employer is None:
        raise PermissionDenied
    form_class = JobForm if employer else StaffJobForm
    initial = {}
    stations = _stations_for(user)
    if employer is None:
        first = stations.first()
        initial["station"] = first.pk if first else None
        if request.GET.get("employer"):
            initial["employer"] = (
                Employer.objects.filter(uuid=request.GET["employer"])
                .values_list("pk", flat=True)
                .first()
            )
    form = form_class(request.POST or None, stations=stations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner = employer or data.pop("employer")
        try:
            job = services.job_create(employer=owner, by=user, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Saved as a draft. Check the findings below, then submit it for review.")
            )
            return redirect("jobs:job_manage", pk=job.pk)
    return render(
        request,
        "jobs/job_form.html",
        {"form": form, "job": None, "findings": _preview_findings(form)},
    )


@job_editor_required
@require_POST
def job_check(request: HttpRequest) -> HttpResponse:
    """The checker's findings on the text being typed (htmx, while an employer or staff edit)."""
    text = "\n".join(
        request.POST.get(f, "") for f in ("title", "content", "skills", "insurance_note")
    )
    findings = checker.check_text(text[:CHECKED_TEXT_LIMIT], checker.active_rules())
    return render(request, "jobs/includes/_findings.html", {"findings": findings})


def _preview_findings(form) -> list:
    """The checker's findings on what is being typed (shown beside the form)."""
    if not form.is_bound:
        return []
    text = "\n".join(
        str(form.data.get(f, "")) for f in ("title", "content", "skills", "insurance_note")
    )
    # The raw POST, before the form's length limits: bounded as the typing check is.
    return checker.check_text(text[:CHECKED_TEXT_LIMIT], checker.active_rules())


@job_editor_required
@require_http_methods(["GET", "POST"])
def job_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a job order; changing the substance of an open job sends it back to review."""
    job = get_object_or_404(Job.objects.editable_by(request.user), pk=pk)
    if not job.is_editable:
        messages.error(request, _("This job can no longer be edited."))
        return redirect("jobs:job_manage", pk=job.pk)
    if request.method == "GET" and job.contact_phone and request.user.kind != "employer":
        # The form shows the contact phone in full (often the employer's own mobile): logged,
        # as when the employer's record is opened for correction.
        personal_data_opened(
            user=request.user, record=job.employer, purpose=_("Edit job: contact phone shown")
        )
    form = JobForm(request.POST or None, instance=job, stations=_stations_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in JobForm.Meta.fields}
        # The form wrote onto the instance; compare against the stored row in the service.
        stored = Job.objects.get(pk=job.pk)
        try:
            job = services.job_update(job=stored, by=request.user, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if job.status == Job.Status.PENDING and stored.status == Job.Status.OPEN:
                messages.warning(
                    request,
                    _("The changes were saved; the job goes back to review before it shows again."),
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("jobs:job_manage", pk=job.pk)
    return render(
        request,
        "jobs/job_form.html",
        {"form": form, "job": job, "findings": _preview_findings(form)},
    )


@require_GET
def job_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """A job's back-office page: its terms, the checker's findings, its history, the actions."""
    if not (_is_job_editor(request.user) or request.user.has_role(*REVIEW_ROLES)):
        raise PermissionDenied
    job = get_object_or_404(
        Job.objects.visible_to(request.user).select_related(
            "employer", "station", "occupation", "region", "collected_by"
        ),
        pk=pk,
    )
    findings = checker.check_job(job)
    approve_form = ApproveForm()
    if not any(f.overridable for f in checker.blocks(findings)):
        del approve_form.fields["lawful_reason"]
    if not checker.warnings(findings):
        del approve_form.fields["reason"]
    can_edit = Job.objects.editable_by(request.user).filter(pk=job.pk).exists()
    can_review = Job.objects.reviewable_by(request.user).filter(pk=job.pk).exists()
    return render(
        request,
        "jobs/job_manage.html",
        {
            "job": job,
            "findings": findings,
            "blocks": checker.blocks(findings),
            "warnings": checker.warnings(findings),
            "history": JobTransition.objects.filter(job=job).select_related("by"),
            "can_edit": can_edit and job.is_editable,
            "can_submit": can_edit and job.status in (Job.Status.DRAFT, Job.Status.REJECTED),
            "can_close": can_edit
            and job.status
            in (Job.Status.DRAFT, Job.Status.PENDING, Job.Status.REJECTED, Job.Status.OPEN),
            "can_review": can_review and job.status == Job.Status.PENDING,
            "placements": list(
                job.placements.exclude(state="applied").select_related("seeker").order_by("pk")
            )
            if can_edit
            else [],
            "can_dispatch": can_edit
            and request.user.has_role(*STAFF_ROLES)
            and job.status in (Job.Status.OPEN, Job.Status.FILLED),
            "employer_history": _employer_history(job.employer),
            "approve_form": approve_form,
            "reject_form": RejectForm(),
            "close_form": ReasonForm(),
            "last_rejection": JobTransition.objects.filter(
                job=job, to_state=Job.Status.REJECTED
            ).last(),
            "can_repost": can_edit
            and job.status in (Job.Status.CLOSED, Job.Status.FILLED, Job.Status.EXPIRED),
            "can_repeat": can_edit and job.opened_at is not None,
            "weekly_orders": list(job.recurring_orders.filter(active=True)) if can_edit else [],
            "weekly_form": WeeklyForm(),
        },
    )


def _employer_history(employer: Employer) -> dict:
    return {
        "rejections": JobTransition.objects.filter(
            job__employer=employer, to_state=Job.Status.REJECTED
        ).count(),
        "jobs": employer.jobs.count(),
        "suspended": employer.suspended,
    }


def _act(request: HttpRequest, pk: int, *, review: bool, action, form_class=None, ok: str):
    """Load the job through the user's scope (404 outside it), run the service, report."""
    scope = (
        Job.objects.reviewable_by(request.user) if review else Job.objects.editable_by(request.user)
    )
    job = get_object_or_404(scope, pk=pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("jobs:job_manage", pk=job.pk)
    try:
        action(job, form.cleaned_data if form else {})
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, ok)
    return redirect("jobs:job_manage", pk=job.pk)


@job_editor_required
@require_POST
def job_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a draft or rejected job to review."""
    return _act(
        request,
        pk,
        review=False,
        ok=_("Submitted for review."),
        action=lambda job, data: services.job_submit(job=job, by=request.user),
    )


@job_editor_required
@require_POST
def job_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a job (no longer needed)."""
    return _act(
        request,
        pk,
        review=False,
        form_class=ReasonForm,
        ok=_("The job is closed."),
        action=lambda job, data: services.job_close(
            job=job, by=request.user, reason=data["reason"]
        ),
    )


@role_required(*REVIEW_ROLES)
@require_POST
def job_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a pending job (reviewer)."""
    return _act(
        request,
        pk,
        review=True,
        form_class=ApproveForm,
        ok=_("Published."),
        action=lambda job, data: services.job_approve(
            job=job, by=request.user, reason=data["reason"], lawful_reason=data["lawful_reason"]
        ),
    )


@role_required(*REVIEW_ROLES)
@require_POST
def job_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a pending job back with what must change (reviewer)."""
    return _act(
        request,
        pk,
        review=True,
        form_class=RejectForm,
        ok=_("Sent back to the employer."),
        action=lambda job, data: services.job_reject(
            job=job, by=request.user, reason=data["reason"]
        ),
    )


@role_required(*REVIEW_ROLES)
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    """Postings waiting for review, oldest first, with the checker's findings and the employer's history."""
    jobs = list(
        Job.objects.reviewable_by(request.user)
        .pending_review()
        .select_related("employer", "station", "occupation")[:100]
    )
    rules = checker.active_rules()
    rows = [
        {
            "job": job,
            "findings": checker.check_job(job, rules),
            "history": _employer_history(job.employer),
        }
        for job in jobs
    ]
    return render(request, "jobs/review_queue.html", {"rows": rows})


# ---- employers (staff) ----


@role_required(*STAFF_ROLES, Role.REVIEWER)
@require_http_methods(["GET", "POST"])
def employer_list(request: HttpRequest) -> HttpResponse:
    """The employer register, searchable by name, credit code or mobile.

    The search is a POST so that a typed mobile never lands in a URL or an access log;
    its results are the first page of matches.
    """
    q = request.POST.get("q", "").strip() if request.method == "POST" else ""
    employers = Employer.objects.visible_to(request.user).search(q).select_related("region")
    page = Paginator(employers, 50).get_page(None if q else request.GET.get("page"))
    return render(request, "jobs/employer_list.html", {"page": page, "q": q})


@role_required(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def employer_create(request: HttpRequest) -> HttpResponse:
    """Staff register an employer; a possible duplicate is shown before a second record is made."""
    form = EmployerForm(request.POST or None)
    matches = Employer.objects.none()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        station = Station.objects.staffed_by(request.user).first()
        try:
            employer = services.employer_create(
                by=request.user,
                station=station,
                credit_code_override=data["credit_code_override"],
                allow_same_mobile=data["allow_same_mobile"],
                **{
                    k: data[k]
                    for k in (
                        "kind",
                        "name",
                        "credit_code",
                        "contact_name",
                        "contact_mobile",
                        "region",
                        "address",
                        "industry",
                    )
                },
            )
        except ValidationError as error:
            matches = _possible_matches(data)
            add_service_errors(form, error)
        else:
            messages.success(request, _("Employer registered."))
            return redirect(employer.get_absolute_url())
    return render(
        request, "jobs/employer_form.html", {"form": form, "matches": matches, "employer": None}
    )


def _possible_matches(data) -> object:
    from gigmarket.validators import normalize_credit_code, normalize_mobile

    return Employer.objects.matching(
        credit_code=normalize_credit_code(data.get("credit_code") or ""),
        mobile=normalize_mobile(data.get("contact_mobile") or ""),
    )[:5]


@role_required(*STAFF_ROLES, Role.REVIEWER)
@require_GET
def employer_detail(request: HttpRequest, uuid) -> HttpResponse:
    """An employer: details, verification, suspension, jobs."""
    employer = get_object_or_404(
        Employer.objects.visible_to(request.user).select_related(
            "region", "industry", "verified_by"
        ),
        uuid=uuid,
    )
    jobs = employer.jobs.select_related("occupation", "station").order_by("-created_at")[:50]
    return render(
        request,
        "jobs/employer_detail.html",
        {
            "employer": employer,
            "jobs": jobs,
            "suspend_form": EmployerSuspendForm(),
            "can_write": Employer.objects.writable_by(request.user).filter(pk=employer.pk).exists(),
            "history": _employer_history(employer),
            # What the outbox sent the employer (about the employer, or to its contact mobile).
            "message_rows": Message.objects.for_person(employer, employer.contact_mobile)[:20],
        },
    )


@role_required(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, uuid) -> HttpResponse:
    """Correct an employer's details (its station's staff, or the county admin)."""
    employer = get_object_or_404(Employer.objects.writable_by(request.user), uuid=uuid)
    if request.method == "GET":
        # The form shows the contact's name and mobile in full (a person's, whatever the kind).
        personal_data_opened(
            user=request.user, record=employer, purpose=_("Correct employer details")
        )
    form = EmployerForm(request.POST or None, instance=employer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.employer_update(
                employer=Employer.objects.get(pk=employer.pk),
                by=request.user,
                data={k: data[k] for k in services.EMPLOYER_FIELDS},
                credit_code_override=data["credit_code_override"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(employer.get_absolute_url())
    return render(
        request, "jobs/employer_form.html", {"form": form, "matches": [], "employer": employer}
    )


def _employer_action(request, uuid, action, ok):
    employer = get_object_or_404(Employer.objects.writable_by(request.user), uuid=uuid)
    try:
        action(employer)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, ok)
    return redirect(employer.get_absolute_url())


@role_required(*STAFF_ROLES)
@require_POST
def employer_verify(request: HttpRequest, uuid) -> HttpResponse:
    """Record that staff checked the employer."""
    return _employer_action(
        request,
        uuid,
        lambda e: services.employer_verify(employer=e, by=request.user),
        _("Marked as verified."),
    )


@role_required(*STAFF_ROLES)
@require_POST
def employer_suspend(request: HttpRequest, uuid) -> HttpResponse:
    """Suspend an employer (with the reason); its open jobs close."""
    form = EmployerSuspendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why the employer is suspended."))
        return redirect(
            get_object_or_404(
                Employer.objects.writable_by(request.user), uuid=uuid
            ).get_absolute_url()
        )
    return _employer_action(
        request,
        uuid,
        lambda e: services.employer_suspend(
            employer=e,
            by=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        ),
        _("Employer suspended; its open jobs are closed."),
    )


@role_required(Role.COUNTY_ADMIN)
@require_POST
def employer_unsuspend(request: HttpRequest, uuid) -> HttpResponse:
    """Lift a suspension (county admin)."""
    return _employer_action(
        request,
        uuid,
        lambda e: services.employer_unsuspend(employer=e, by=request.user),
        _("Suspension lifted."),
    )


# ---- the checker's rule list (county admin) ----


@role_required(Role.COUNTY_ADMIN, Role.REVIEWER)
@require_http_methods(["GET", "POST"])
def rule_list(request: HttpRequest) -> HttpResponse:
    """The posting checker's phrases; the county admin adds and switches them."""
    can_edit = request.user.has_role(Role.COUNTY_ADMIN)
    form = PostingRuleForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.posting_rule_add(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Rule added."))
                return redirect("jobs:rule_list")
    rules = [
        {"rule": rule, "label": checker.CATEGORIES.get(rule.category, ("", ""))[0]}
        for rule in PostingRule.objects.all()
    ]
    return render(
        request, "jobs/rule_list.html", {"rules": rules, "form": form, "can_edit": can_edit}
    )


@role_required(Role.COUNTY_ADMIN)
@require_POST
def rule_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Switch a checker rule on or off."""
    rule = get_object_or_404(PostingRule, pk=pk)
    services.posting_rule_toggle(rule=rule, by=request.user)
    messages.success(request, _("Rule switched."))
    return redirect("jobs:rule_list")
