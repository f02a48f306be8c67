"""Demo data of the seeker register: about 30 people in the demo county, and a demo seeker login."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from gigmarket import demo
from gigmarket.models import Occupation, User
from gigmarket.validators import id_check_char

DEMO_SEEKER_MOBILE = "13900000001"
DEMO_SEEKER_PASSWORD = "Demo-Seeker-2026"
DEMO_COUNTY = "520999"

#: (name, birth date, gender digit, occupation code, priority groups, days ago registered)
PEOPLE = [
    ("王秀英", "19680312", 2, "4-01", ["older", "low_income"], 140),
    ("李建国", "19650708", 1, "4-09", ["older"], 130),
    ("张桂兰", "19710125", 2, "4-02", ["hard_to_employ"], 120),
    ("刘德明", "19801103", 1, "6-02", [], 115),
    ("陈玉梅", "19760419", 2, "4-05", ["out_of_poverty"], 110),
    ("杨志强", "19900621", 1, "4-08", [], 100),
    ("赵春花", "19731015", 2, "5-03", ["relocated"], 95),
    ("黄永红", "19830202", 2, "4-11", [], 90),
    ("周国平", "19620930", 1, "4-07", ["older"], 85),
    ("吴小芳", "19950514", 2, "4-13", [], 80),
    ("徐长林", "19780817", 1, "6-03", [], 75),
    ("孙丽娟", "19860923", 2, "4-03", [], 70),
    ("马大军", "19700106", 1, "6-01", ["disabled"], 65),
    ("朱凤英", "19690228", 2, "5-01", ["out_of_poverty", "older"], 60),
    ("胡海波", "19920311", 1, "4-16", [], 55),
    ("郭秀兰", "19741209", 2, "4-01", ["low_income"], 50),
    ("何建军", "19810704", 1, "6-04", [], 45),
    ("罗小红", "19970801", 2, "4-12", [], 40),
    ("高明华", "19660516", 1, "4-09", ["older"], 35),
    ("林淑珍", "19790620", 2, "4-06", [], 30),
    ("梁志刚", "19880130", 1, "4-17", [], 26),
    ("宋桂芳", "19721111", 2, "4-02", ["hard_to_employ"], 22),
    ("郑伟", "19930405", 1, "4-08", [], 18),
    ("谢春梅", "19850712", 2, "4-14", [], 15),
    ("韩国庆", "19631001", 1, "5-02", ["older", "relocated"], 12),
    ("唐晓燕", "19960218", 2, "4-21", [], 9),
    ("冯建华", "19770303", 1, "6-02", [], 7),
    ("董翠花", "19750909", 2, "4-05", ["disabled"], 5),
    ("袁立新", "19840606", 1, "4-10", [], 3),
]


def _id_number(birth: str, seq: int, gender_digit: int) -> str:
    first17 = f"{DEMO_COUNTY}{birth}{seq:02d}{gender_digit + (seq % 4) * 2}"
    return first17 + id_check_char(first17)


@demo.register(20, "seekers")
@transaction.atomic
def seed_seekers(say) -> None:
    from seekers.models import Seeker
    from seekers.services import (
        DuplicateSeeker,
        seeker_register,
        seeker_renew,
        seeker_self_register,
    )
    from stations.models import Station

    stations = list(
        Station.objects.filter(region__code__startswith=DEMO_COUNTY).order_by("code")
    ) or list(Station.objects.order_by("code")[:3])
    staff = User.objects.filter(username="staff").first()
    occupations = {o.code: o for o in Occupation.objects.kinds()}
    now = timezone.now()
    created = 0
    for index, (name, birth, gender, occ, groups, days_ago) in enumerate(PEOPLE):
        mobile = f"1390000{index + 100:04d}"
        if Seeker.objects.filter(mobile=mobile).exists():
            continue
        station = stations[index % len(stations)] if stations else None
        at = now - datetime.timedelta(days=days_ago, hours=index % 5)
        try:
            seeker = seeker_register(
                by=staff,
                name=name,
                mobile=mobile,
                id_number=_id_number(birth, index + 10, gender) if index % 3 else "",
                primary_occupation=occupations.get(occ) or next(iter(occupations.values())),
                channel=Seeker.Channel.WALK_IN,
                station=station,
                registered_at=at,
                details={
                    "priority_groups": groups,
                    "work_natures": ["daily", "hourly"],
                    "education": ["primary", "junior", "senior"][index % 3],
                    "household": "rural" if index % 2 else "urban",
                    "min_daily_pay": 120 + (index % 6) * 20,
                },
                skills=[
                    {
                        "occupation": occupations.get(occ),
                        "level": "5" if index % 4 == 0 else "",
                        "years": index % 12,
                    }
                ],
            )
        except DuplicateSeeker:
            continue
        created += 1
        # People registered long ago renewed when their period ran out.
        if days_ago > 80:
            seeker_renew(
                seeker=seeker,
                by=staff,
                station=station,
                on=timezone.localdate(at) + datetime.timedelta(days=75),
            )
    say(
        f"seekers: {created} new"
        + ("" if stations else " (no stations yet: registered without a station)")
    )

    if (
        not Seeker.objects.filter(mobile=DEMO_SEEKER_MOBILE).exists()
        and not User.objects.filter(phone=DEMO_SEEKER_MOBILE).exists()
    ):
        seeker_self_register(
            name="演示求职者",
            mobile=DEMO_SEEKER_MOBILE,
            password=DEMO_SEEKER_PASSWORD,
            primary_occupation=occupations["4-01"],
            home_station=stations[0] if stations else None,
        )
    demo.add_login("求职人员", DEMO_SEEKER_MOBILE, DEMO_SEEKER_PASSWORD)
