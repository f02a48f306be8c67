"""Reads of the guidance app that other apps and the pages ask for: a person's current plan,
the long-term placement a registration is prefilled from, whether a person is registered
unemployed (for subsidy eligibility), and the placements of a person still without cover."""

from __future__ import annotations

import datetime

from django.utils import timezone

from guidance.models import Guidance, InsuranceAdvice, Registration

#: A placement counts as long-term (prefills an employment registration) from this many days.
LONG_TERM_DAYS = 30


def latest_plan(seeker) -> Guidance | None:
    """The person's latest guidance record, its steps prefetched (None if never guided)."""
    return (
        Guidance.objects.of_seeker(seeker)
        .select_related("station", "given_by")
        .prefetch_related("steps", "steps__referral__programme", "steps__job")
        .order_by("-given_at", "-pk")
        .first()
    )


def long_term_placement(seeker):
    """The person's latest confirmed (or later) placement lasting ``LONG_TERM_DAYS`` or more, or
    open-ended, with its job and employer — what an employment registration is prefilled from."""
    from jobs.models import Placement

    placements = (
        Placement.objects.filter(
            seeker=seeker,
            state__in=(
                Placement.State.CONFIRMED,
                Placement.State.ON_DUTY,
                Placement.State.COMPLETED,
            ),
        )
        .select_related("job", "job__employer")
        .order_by("-confirmed_at", "-pk")
    )
    for placement in placements[:20]:
        job = placement.job
        end = job.end_date
        if end is None or (end - job.start_date).days + 1 >= LONG_TERM_DAYS:
            return placement
    return None


def registered_unemployed(seeker, on: datetime.date | None = None) -> bool:
    """Whether the person's latest registration on or before ``on`` (today) is an unemployment
    registration the provincial system answered (a reference number is recorded)."""
    day = on or timezone.localdate()
    latest = (
        Registration.objects.of_seeker(seeker)
        .effective_on_or_before(day)
        .order_by("-recorded_at", "-pk")
        .first()
    )
    return latest is not None and latest.kind == Registration.Kind.UNEMPLOYMENT and latest.is_filed


def advice_for(seeker):
    """The person's insurance recommendations not yet bought, newest first (for the Me page)."""
    return list(
        InsuranceAdvice.objects.of_seeker(seeker)
        .exclude(status=InsuranceAdvice.Status.BOUGHT)
        .select_related("placement__job")
        .order_by("-created_at")[:5]
    )
