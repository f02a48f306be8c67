"""Job alerts: when a job opens, the seekers whose alerts it matches are noted (``AlertMatch``);
once a day each gets one text with the best few (``job_alerts_send``, beat every 15 minutes in the
day), and a seeker who asked for it gets a job that starts today at once.

Who matches is the "for me" rule seen from the job's side: the job's kind of work (or its parent
kind) among the kinds the seeker chose from their registration, the job's township chosen (or
none chosen), pay not below the lowest they asked, and one of the job's days among theirs
(``seekers.querysets.JobAlertTargetQuerySet.for_job``, indexed; bench/alerts.py).
"""

from __future__ import annotations

import datetime
import secrets

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gigmarket import notify
from gigmarket.models import Region
from jobs.models import AlertMatch, Job
from jobs.ranking import job_weekdays

__all__ = ["alerts_job_opened", "job_alerts_send", "DIGEST_SIZE"]

#: Jobs named in one digest (the link lists them all).
DIGEST_SIZE = 3


def _township_id(job: Job) -> int | None:
    code = job.region.code if job.region_id else ""
    if len(code) < 9:
        return None
    return Region.objects.filter(code=code[:9]).values_list("pk", flat=True).first()


def _pay(job: Job) -> str:
    return f"{job.pay_min:g}{job.get_pay_unit_display()}" if job.pay_min is not None else ""


def alerts_job_opened(job: Job) -> int:
    """Note the job for every seeker whose alert it matches (called once, when a job first
    opens); text the same-day ones at once to those who asked. Returns how many matched."""
    from seekers.models import JobAlertTarget, Seeker

    occupation_ids = [job.occupation_id]
    if job.occupation_id and job.occupation.parent_id:
        occupation_ids.append(job.occupation.parent_id)
    rows = JobAlertTarget.objects.for_job(
        occupation_ids=occupation_ids,
        township_id=_township_id(job),
        daily_pay=job.pay_per_day,
    )
    weekdays = job_weekdays(job)
    matched = [
        (seeker, at_once) for seeker, days, at_once in rows if not days or weekdays & set(days)
    ]
    if not matched:
        return 0
    AlertMatch.objects.bulk_create(
        [AlertMatch(seeker_id=seeker, job=job) for seeker, _at_once in matched],
        ignore_conflicts=True,
        batch_size=1000,
    )
    today = timezone.localdate()
    now_ids = [seeker for seeker, at_once in matched if at_once]
    if job.start_date <= today and now_ids:
        link = notify.site_link(job.get_absolute_url())
        for seeker in Seeker.objects.filter(pk__in=now_ids).exclude(mobile=""):
            notify.enqueue(
                key=f"job-alert-now:{seeker.pk}:{job.pk}",
                kind="job_alert_now",
                to=seeker.mobile,
                recipient=seeker.user_id,
                variables={
                    "job": job.title[:20],
                    "pay": _pay(job),
                    "place": job.region.name if job.region_id else "",
                    "link": link,
                },
                urgent=True,
                about=notify.about(seeker),
            )
    return len(matched)


def job_alerts_send(*, today: datetime.date | None = None) -> int:
    """Write today's digest for each seeker with jobs waiting and none sent today: the best few
    still open (soonest start, then best pay), and a link to all of them. Returns how many."""
    from seekers.models import JobAlert, Seeker

    today = today or timezone.localdate()
    waiting = (
        AlertMatch.objects.filter(sent_on__isnull=True)
        .values_list("seeker_id", flat=True)
        .distinct()
    )
    written = 0
    for seeker_id in list(waiting):
        with transaction.atomic():
            seeker = Seeker.objects.select_for_update().filter(pk=seeker_id).first()
            rows = AlertMatch.objects.filter(seeker_id=seeker_id, sent_on__isnull=True)
            alert = JobAlert.objects.filter(seeker_id=seeker_id).first() if seeker else None
            if seeker is None or alert is None or not alert.active or not seeker.mobile:
                rows.update(sent_on=today)  # switched off since: never sent
                continue
            key = f"job-alert:{seeker_id}:{today.isoformat()}"
            if notify.enqueue_exists(key):
                continue  # one digest a day; the rest wait for tomorrow's
            jobs = list(
                Job.objects.listed(today)
                .filter(pk__in=rows.values("job_id"))
                .select_related("region")
                .order_by("start_date", "-pay_per_day", "pk")
            )
            if not jobs:
                rows.update(sent_on=today)
                continue
            digest = secrets.token_urlsafe(9)
            rows.filter(job__in=jobs).update(sent_on=today, digest=digest)
            rows.exclude(job__in=jobs).update(sent_on=today)  # closed before the digest
            best = jobs[0]
            notify.enqueue(
                key=key,
                kind="job_alert",
                to=seeker.mobile,
                recipient=seeker.user_id,
                variables={
                    "job": best.title[:20],
                    "pay": _pay(best),
                    "count": len(jobs),
                    "link": notify.site_link(reverse("jobs:alert_digest", args=[digest])),
                },
                about=notify.about(seeker),
            )
            written += 1
    return written
