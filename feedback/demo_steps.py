"""Demo data of feedback: half a year of answered satisfaction surveys at the demo station."""

from __future__ import annotations

import datetime

from django.utils import timezone

from gigmarket import demo


@demo.register(60, "feedback")
def seed_feedback(say) -> None:
    from feedback.models import Survey
    from gigmarket.models import User
    from stations.models import Station

    staff = User.objects.filter(username="staff").first()
    station = (
        Station.objects.staffed_by(staff).order_by("code").first() if staff is not None else None
    )
    if station is None:
        say("feedback: needs the demo station first; skipped")
        return
    if Survey.objects.filter(station=station, context=Survey.Context.STATION).exists():
        say("feedback: surveys already there")
        return
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    made = 0
    for months_back in range(6, 0, -1):
        day = (today.replace(day=15) - datetime.timedelta(days=30 * months_back)).replace(day=15)
        for n in range(3 + months_back % 3):
            scores = (5 - (n + months_back) % 2, 4 + n % 2, 4 - (months_back % 4 == 0))
            Survey.objects.create(
                station=station,
                context=Survey.Context.STATION,
                respondent=Survey.Respondent.PUBLIC,
                environment=scores[0],
                process=scores[1],
                result=scores[2],
                answered_at=datetime.datetime.combine(
                    day + datetime.timedelta(days=n), datetime.time(10), tz
                ),
            )
            made += 1
    say(f"feedback: {made} answered surveys at {station.name}")
