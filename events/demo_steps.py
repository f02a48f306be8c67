"""Demo data of the events app: a special recruitment fair next Saturday at the demo county's first
market, with the demo employer's open jobs and the demo seeker registered; and a live stream."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from gigmarket import demo

FAIR_TITLE = "春风行动·零工专场招聘会"
STREAM_TITLE = "直播带岗：家政服务岗位专场"


def next_saturday(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=(5 - today.weekday()) % 7 or 7)


@demo.register(45, "events")
@transaction.atomic
def seed_events(say) -> None:
    from events import services
    from events.models import Event
    from gigmarket.models import User
    from jobs.models import Employer, Job
    from seekers.models import Seeker
    from stations.models import Station

    staff = User.objects.filter(username="staff").first()
    if staff is None:
        say("events: no demo staff yet, skipped")
        return
    station = Station.objects.staffed_by(staff).order_by("code").first()
    if station is None:
        say("events: the demo staff works at no station, skipped")
        return
    zone = timezone.get_current_timezone()
    made = 0
    fair = Event.objects.filter(title=FAIR_TITLE).first()
    if fair is None:
        day = next_saturday(timezone.localdate())
        fair = services.event_create(
            by=staff,
            station=station,
            data={
                "kind": Event.Kind.FAIR,
                "title": FAIR_TITLE,
                "description": "现场招聘建筑、家政、装卸、保洁等零工岗位，免费入场，带上身份证。",
                "address": station.address or station.name,
                "latitude": station.latitude,
                "longitude": station.longitude,
                "datum": station.datum,
                "starts_at": datetime.datetime.combine(day, datetime.time(9), tzinfo=zone),
                "ends_at": datetime.datetime.combine(day, datetime.time(12), tzinfo=zone),
                "capacity": 300,
            },
        )
        services.event_open(event=fair, by=staff)
        made += 1
    jobs = Job.objects.open().filter(employer__in=Employer.objects.filter(suspended=False))
    for employer in Employer.objects.filter(pk__in=jobs.values("employer")).order_by("pk")[:3]:
        if not fair.participations.filter(employer=employer).exists():
            services.participation_add(
                event=fair, employer=employer, jobs=jobs.filter(employer=employer)[:3], by=staff
            )
    seeker = Seeker.objects.filter(user__username="13900000001").first()
    if seeker is not None and not fair.registrations.filter(seeker=seeker).exists():
        services.registration_add(event=fair, seeker=seeker, by=seeker.user)
    if not Event.objects.filter(title=STREAM_TITLE).exists():
        now = timezone.now()
        stream = services.event_create(
            by=staff,
            station=station,
            data={
                "kind": Event.Kind.LIVE_STREAM,
                "title": STREAM_TITLE,
                "stream_url": "https://live.example.cn/gigmarket-demo",
                "starts_at": now - datetime.timedelta(minutes=30),
                "ends_at": now + datetime.timedelta(hours=2),
            },
        )
        services.event_open(event=stream, by=staff)
        made += 1
    say(f"events: {made} events made (fair {fair.starts_at:%Y-%m-%d})")
