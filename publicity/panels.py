"""Panels of the publicity app: current policies on the home page; the window's policy
consultation and the articles to write on the workbench."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gigmarket.panels import Panel
from gigmarket.roles import Role

WORKBENCH_ROWS = 6


def _home_context(request: HttpRequest) -> dict:
    from publicity.selectors import home_articles

    return {"articles": home_articles()}


def _workbench_context(request: HttpRequest) -> dict:
    from publicity.models import Article
    from publicity.selectors import station_articles
    from stations.models import Station

    station = Station.objects.writable_by(request.user).active().order_by("code").first()
    return {
        "station": station,
        "articles": station_articles(station, WORKBENCH_ROWS) if station else [],
        "drafts": Article.objects.editable_by(request.user).filter(state="draft").count(),
        "is_admin": request.user.has_role(Role.COUNTY_ADMIN),
    }


home_panel = Panel(
    key="publicity-current",
    title=_("Policies and notices"),
    template="publicity/panels/home.html",
    context=_home_context,
    order=20,
)

workbench_panel = Panel(
    key="publicity-consult",
    title=_("Policy consultation"),
    template="publicity/panels/workbench.html",
    context=_workbench_context,
    visible=lambda request: request.user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN),
    order=45,
)
