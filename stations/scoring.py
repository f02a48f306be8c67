"""The yearly evaluation's criteria, their weights (configurable) and the grade thresholds."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

#: Criterion → (model field, label). The order is the form's order.
CRITERIA = {
    "management": ("management", _("Management")),
    "workload": ("workload_score", _("Workload")),
    "business": ("business", _("Business level")),
    "results": ("results", _("Results")),
    "attitude": ("attitude", _("Service attitude")),
}

#: Default maximum points per criterion; override with settings.STATION_EVALUATION_WEIGHTS.
DEFAULT_WEIGHTS = {"management": 20, "workload": 20, "business": 20, "results": 25, "attitude": 15}
#: Totals at or above these get the grade; below "pass" is a fail.
DEFAULT_THRESHOLDS = {"excellent": 90, "pass": 60}


def weights() -> dict[str, Decimal]:
    """Maximum points per criterion; they must add up to 100."""
    configured = getattr(settings, "STATION_EVALUATION_WEIGHTS", None) or DEFAULT_WEIGHTS
    result = {key: Decimal(str(configured[key])) for key in CRITERIA}
    if sum(result.values()) != 100:
        raise ValueError("STATION_EVALUATION_WEIGHTS must add up to 100")
    return result


def thresholds() -> dict[str, Decimal]:
    configured = getattr(settings, "STATION_EVALUATION_THRESHOLDS", None) or DEFAULT_THRESHOLDS
    return {key: Decimal(str(value)) for key, value in configured.items()}


def grade_for(total: Decimal) -> str:
    """excellent / pass / fail for a total out of 100."""
    limits = thresholds()
    if total >= limits["excellent"]:
        return "excellent"
    if total >= limits["pass"]:
        return "pass"
    return "fail"


def attitude_from_satisfaction(satisfaction: dict | None) -> Decimal | None:
    """The "service attitude" points suggested by the year's satisfaction surveys: the average
    (out of 5) scaled to the criterion's maximum, to one decimal; None without answers."""
    if not satisfaction or satisfaction.get("average") is None:
        return None
    points = Decimal(str(satisfaction["average"])) / 5 * weights()["attitude"]
    return points.quantize(Decimal("0.1"))
