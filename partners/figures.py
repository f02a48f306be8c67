"""Monthly figures of the partners app, for the monthly report's service figures."""

from __future__ import annotations

from django.db.models import Count

from partners.models import Referral


def month_figures(month, region) -> dict:
    """Referrals made in ``month`` (a ``reports.selectors.Month``) to stations in ``region``
    (all when None): the total and the count by partner (name → n, largest first)."""
    referrals = (
        Referral.objects.order_by()
        .filter(created_at__gte=month.starts, created_at__lt=month.ends)
        .within(region)
    )
    rows = referrals.values("partner__name").annotate(n=Count("pk")).order_by("-n", "partner__name")
    by_partner = {r["partner__name"]: r["n"] for r in rows}
    return {
        "partner_referrals": sum(by_partner.values()),
        "partner_referrals_by_partner": by_partner,
    }
