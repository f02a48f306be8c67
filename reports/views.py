"""Pages of the reports app: the public bulletin (published revisions only) and the county admin's
report page (tables, trend chart, downloads, publishing)."""

from __future__ import annotations

from csp.decorators import csp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gigmarket.models import Region
from gigmarket.roles import Role, role_required
from reports import exports, presenters, services
from reports.charts import trend_svg
from reports.forms import PublishForm, ReportChoiceForm
from reports.models import PublishedReport
from reports.selectors import Month, last_complete_month, monthly_report


def _trend(month: Month, region: Region | None) -> dict:
    """The 12-month trend from published figures and stored monthly counts (in the database, so
    every gunicorn worker reads the same rows; no per-process cache)."""
    return services.trend_figures(month=month, region=region)


def _site_region() -> Region | None:
    return Region.objects.filter(code=settings.SITE_REGION_CODE).first()


@login_not_required
@require_GET
def bulletin(request: HttpRequest) -> HttpResponse:
    """The public monthly bulletin: the county's latest published figures and its past months."""
    region = _site_region()
    latest = PublishedReport.objects.latest_revisions()
    reports = latest.for_region(region)
    if region is not None and not reports.exists():
        reports = latest
    reports = list(reports.select_related("region")[:36])
    current = reports[0] if reports else None
    return render(
        request,
        "reports/bulletin.html",
        {
            "report": current,
            "view": presenters.bulletin(current.data) if current else None,
            "past": reports[1:],
            "revisions": list(
                PublishedReport.objects.filter(month=current.month, region=current.region)
            )
            if current
            else [],
        },
    )


@login_not_required
@require_GET
def bulletin_detail(request: HttpRequest, region: str, month: str) -> HttpResponse:
    """One published month (the latest revision, or ``?revision=N``), with every revision listed."""
    try:
        the_month = Month.parse(month)
    except ValueError as error:
        raise Http404 from error
    the_region = None if region == "all" else get_object_or_404(Region, code=region)
    revisions = list(
        PublishedReport.objects.for_region(the_region)
        .filter(month=the_month.first)
        .order_by("-revision")
    )
    if not revisions:
        raise Http404
    current = revisions[0]
    wanted = request.GET.get("revision", "")
    if wanted:
        current = next((r for r in revisions if str(r.revision) == wanted), None)
        if current is None:
            raise Http404
    past = (
        PublishedReport.objects.latest_revisions()
        .for_region(the_region)
        .exclude(month=the_month.first)
        .select_related("region")[:36]
    )
    return render(
        request,
        "reports/bulletin.html",
        {
            "report": current,
            "view": presenters.bulletin(current.data),
            "past": list(past),
            "revisions": revisions,
        },
    )


def _choice(request: HttpRequest) -> tuple[Month, Region | None]:
    form = ReportChoiceForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid() and "region" in form.errors:
        raise Http404  # a region outside the admin's reach
    return form.chosen()


def _query(month: Month, region: Region | None) -> str:
    params = {"month": str(month)}
    if region is not None:
        params["region"] = region.code
    return urlencode(params)


def _manage_page(
    request: HttpRequest, month: Month, region: Region | None, publish_form: PublishForm
) -> HttpResponse:
    report = monthly_report(month=month, region=region)
    series = _trend(month, region)
    query = _query(month, region)
    revisions = PublishedReport.objects.for_region(region).filter(month=month.first)
    return render(
        request,
        "reports/report_manage.html",
        {
            "form": ReportChoiceForm(
                initial={"month": str(month), "region": region.code if region else None},
                user=request.user,
            ),
            "publish_form": publish_form,
            "month": month,
            "region": region,
            "report": report,
            "tables": presenters.manage_tables(report),
            "trend_rows": presenters.trend_rows(series),
            "trend_series": [o["name"] for o in series["occupations"]],
            "chart_url": reverse("reports:report_chart") + "?" + query,
            "downloads": [
                (label, reverse("reports:report_download", kwargs={"fmt": fmt}) + "?" + query)
                for fmt, label in (("xlsx", "XLSX"), ("csv", "CSV"), ("json", "JSON"))
            ],
            "revisions": list(revisions.select_related("published_by")),
        },
    )


@require_GET
@role_required(Role.COUNTY_ADMIN)
def report_manage(request: HttpRequest) -> HttpResponse:
    """The county admin's report page: pick month and region, tables, trend, downloads, publish."""
    month, region = _choice(request)
    publish_form = PublishForm(
        initial={"month": str(month), "region": region.code if region else None},
        user=request.user,
    )
    return _manage_page(request, month, region, publish_form)


@require_GET
@role_required(Role.COUNTY_ADMIN)
@csp({"default-src": ["'none'"], "style-src": ["'unsafe-inline'"]})
def report_chart(request: HttpRequest) -> HttpResponse:
    """The 12-month trend as an SVG image (no script; its own styles only)."""
    month, region = _choice(request)
    return HttpResponse(trend_svg(_trend(month, region)), content_type="image/svg+xml")


@require_GET
@role_required(Role.COUNTY_ADMIN)
def report_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The computed report as XLSX, CSV (UTF-8 with BOM) or JSON."""
    month, region = _choice(request)
    report = monthly_report(month=month, region=region)
    body = {"json": exports.as_json, "csv": exports.as_csv, "xlsx": exports.as_xlsx}[fmt](report)
    content_type = {
        "json": "application/json; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }[fmt]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, fmt)}"'
    return response


@require_POST
@role_required(Role.COUNTY_ADMIN)
def report_publish(request: HttpRequest) -> HttpResponse:
    """Publish the month's figures (or a reasoned revision) through the one service."""
    form = PublishForm(request.POST, user=request.user)
    if form.is_bound and "region" in form.data and form.data["region"]:
        if not form.fields["region"].queryset.filter(code=form.data["region"]).exists():
            raise Http404
    if form.is_valid():
        month, region = form.cleaned_data["month"], form.cleaned_data["region"]
        try:
            published = services.report_publish(
                month=month,
                region=region,
                by=request.user,
                revise=form.cleaned_data["revise"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Published %(month)s, revision %(revision)s.")
                % {"month": month, "revision": published.revision},
            )
            return redirect(reverse("reports:report_manage") + "?" + _query(month, region))
        return _manage_page(request, month, region, form)
    month = form.cleaned_data.get("month") or last_complete_month()
    return _manage_page(request, month, form.cleaned_data.get("region"), form)
