"""What became of the people a partner referred: the station's answer, placements, certificates."""

from __future__ import annotations

from django.utils.translation import gettext as _

from partners.models import Referral

PLACED_STATES = ("confirmed", "on_duty", "completed")


def with_what_became(referrals: list[Referral]) -> list[Referral]:
    """Annotate each referral with ``became``: plain words of what happened since it was made
    (placed on a kind of work, certified in training, or nothing yet). Two queries in all; no
    employer names, no pay, nothing of the person beyond the masked name the page shows."""
    from jobs.models import Placement
    from training.models import Referral as TrainingReferral

    seekers = {r.seeker_id for r in referrals}
    placements: dict[int, list] = {}
    for p in (
        Placement.objects.filter(seeker_id__in=seekers, state__in=PLACED_STATES)
        .exclude(confirmed_at__isnull=True)
        .select_related("job__occupation")
        .order_by("confirmed_at")
    ):
        placements.setdefault(p.seeker_id, []).append(p)
    certificates: dict[int, list] = {}
    for t in (
        TrainingReferral.objects.filter(seeker_id__in=seekers, status="certified")
        .select_related("programme")
        .order_by("certificate_date")
    ):
        certificates.setdefault(t.seeker_id, []).append(t)
    for referral in referrals:
        became = []
        for p in placements.get(referral.seeker_id, []):
            if p.confirmed_at >= referral.created_at:
                became.append(
                    _("Placed in work (%(kind)s) on %(day)s")
                    % {
                        "kind": p.job.occupation.name if p.job.occupation_id else p.job.title,
                        "day": p.confirmed_at.date(),
                    }
                )
        for t in certificates.get(referral.seeker_id, []):
            if t.certificate_date and t.certificate_date >= referral.created_at.date():
                became.append(
                    _("Certified in training: %(programme)s") % {"programme": t.programme.title}
                )
        referral.became = became
        referral.placed = any(
            p.confirmed_at >= referral.created_at for p in placements.get(referral.seeker_id, [])
        )
    return referrals
