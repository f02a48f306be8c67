"""Demo data of the stations app: in the demo county, one market and two stations, hours,
facilities, the demo staff member at the market, and a few ledger entries."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from gigmarket import demo
from gigmarket.models import Region, User
from stations.models import ServiceRecord, Station
from stations.services import (
    opening_exception_set,
    service_record_add,
    staff_assign,
    station_hours_set,
    station_register,
)

T = datetime.time
WEEKDAYS, EVERY_DAY = [0, 1, 2, 3, 4], [0, 1, 2, 3, 4, 5, 6]

DEMO_STATIONS = [
    {
        "code": "sfx-market",
        "name": "示范县零工市场",
        "kind": "market",
        "focus": "",
        "region": "520999001",
        "address": "城关街道人民路88号县就业服务中心一楼",
        "operating_mode": "centre_window",
        "floor_area": Decimal("120.0"),
        "latitude": Decimal("26.582300"),
        "longitude": Decimal("106.713900"),
        "datum": "gcj02",
        "service_phone": "0851-86001234",
        "complaint_phone": "0851-86001235",
        "facilities": [
            "drinking_water",
            "first_aid",
            "phone_charging",
            "rest_seats",
            "air_conditioning",
            "big_screen",
            "self_service_kiosk",
            "notice_board",
            "accessible_entrance",
            "toilet",
        ],
        "services": [
            "seeker_registration",
            "job_posting",
            "instant_hire",
            "policy_consultation",
            "career_guidance",
            "training_referral",
            "rights_protection",
            "recruitment_events",
        ],
        "hours_note": "早市 7:00 开门，方便打零工的朋友早上来候工。",
        "hours": [(EVERY_DAY, T(7, 0), T(12, 0)), (WEEKDAYS, T(14, 0), T(17, 30))],
    },
    {
        "code": "heping-jiazheng",
        "name": "和平社区家政零工驿站",
        "kind": "station",
        "focus": "家政",
        "region": "520999001001",
        "address": "城关街道和平社区党群服务中心旁",
        "operating_mode": "bureau",
        "floor_area": Decimal("20.0"),
        "latitude": Decimal("26.588100"),
        "longitude": Decimal("106.706400"),
        "datum": "gcj02",
        "service_phone": "0851-86002345",
        "complaint_phone": "0851-86001235",
        "facilities": ["drinking_water", "phone_charging", "rest_seats", "notice_board"],
        "services": ["seeker_registration", "job_posting", "instant_hire", "training_referral"],
        "hours_note": "",
        "hours": [(WEEKDAYS, T(8, 30), T(12, 0)), (WEEKDAYS, T(14, 30), T(17, 30))],
    },
    {
        "code": "hekou-jianzhu",
        "name": "河口镇建筑零工驿站",
        "kind": "station",
        "focus": "建筑",
        "region": "520999100",
        "address": "河口镇集镇汽车站对面",
        "operating_mode": "contracted",
        "operator_name": "示范县惠民人力资源服务有限公司",
        "floor_area": Decimal("6.0"),
        "latitude": Decimal("26.540200"),
        "longitude": Decimal("106.760800"),
        "datum": "gcj02",
        "service_phone": "0851-86003456",
        "complaint_phone": "12333",
        "facilities": ["drinking_water", "first_aid", "tool_lending", "parking"],
        "services": ["seeker_registration", "job_posting", "instant_hire", "insurance_guidance"],
        "hours_note": "赶场天（逢三、六、九）照常开放。",
        "hours": [(EVERY_DAY, T(6, 30), T(11, 30))],
    },
]

DEMO_LEDGER = [
    (0, 9, "consultation", "", "咨询灵活就业社保补贴"),
    (0, 10, "registration", "王**", "现场求职登记，意向保洁"),
    (1, 8, "job_order", "县城某小区物业", "招保洁 3 人，日结"),
    (1, 11, "matching", "王**", "推荐至物业保洁岗位"),
    (2, 9, "consultation", "", "询问电工证培训"),
    (2, 10, "training_referral", "李**", "推荐参加电工培训班"),
]


@demo.register(10, "stations")
def seed_stations(say) -> None:
    created = 0
    for spec in DEMO_STATIONS:
        spec = dict(spec)
        hours = spec.pop("hours")
        spec["region"] = Region.objects.get(code=spec["region"])
        station = Station.objects.filter(code=spec["code"]).first()
        if station is None:
            station = station_register(by=None, **spec)
            station_hours_set(station=station, by=None, rules=hours)
            created += 1
    market = Station.objects.get(code="sfx-market")
    staff = User.objects.filter(username="staff").first()
    if staff is not None:
        staff_assign(station=market, user=staff, role="lead", by=None)
    # Closed on the coming New Year's Day (a dated exception).
    new_year = datetime.date(timezone.localdate().year + 1, 1, 1)
    opening_exception_set(station=market, by=None, date=new_year, closed=True, note="元旦休息")
    if not ServiceRecord.objects.filter(station=market).exists():
        now = timezone.localtime()
        for days_ago, hour, kind, about, note in DEMO_LEDGER:
            at = (now - datetime.timedelta(days=days_ago)).replace(
                hour=hour, minute=15, second=0, microsecond=0
            )
            service_record_add(
                station=market, by=staff, kind=kind, subject_label=about, note=note, at=min(at, now)
            )
    say(f"stations: {created} new; demo staff works at {market.name}")
