"""Demo data of the training app: an institution, a subsidised welding class, a childcare (育婴员)
class, a few referrals, and demand orders for 育婴员 in the demo county."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gigmarket import demo

DEMO_COUNTY = "520999"
WELDING_TITLE = "焊工（初级）职业技能培训班"
CHILDCARE_TITLE = "育婴员（五级）培训班"


@demo.register(40, "training")
@transaction.atomic
def seed_training(say) -> None:
    from django.core.exceptions import ValidationError

    from gigmarket.models import Occupation, Region, User
    from seekers.models import Seeker
    from stations.models import Station
    from training import services
    from training.models import DemandOrder, Institution, Programme

    county = (
        Region.objects.filter(code=DEMO_COUNTY).first() or Region.objects.order_by("code").first()
    )
    admin = User.objects.filter(username="admin").first()
    staff = User.objects.filter(username="staff").first()
    if county is None or admin is None:
        say("training: no demo county or admin yet, skipped")
        return
    station = (
        Station.objects.filter(region__code__startswith=county.prefix).order_by("code").first()
    )
    occupations = {o.code: o for o in Occupation.objects.kinds()}
    welder, childcare = occupations.get("6-07"), occupations.get("4-03")
    if welder is None or childcare is None:
        say("training: occupations not loaded, skipped")
        return

    institution = Institution.objects.filter(
        name="示范县职业技能培训学校"
    ).first() or services.institution_create(
        by=admin,
        name="示范县职业技能培训学校",
        credit_code="91350100M000100Y43",
        filing_number="黔人社培备〔2026〕018号",
        contact_name="陈老师",
        contact_phone="0851-88881234",
    )
    today = timezone.localdate()
    made = 0

    def programme(title, occupation, start_in, days, capacity, subsidy, place):
        nonlocal made
        existing = Programme.objects.filter(title=title).first()
        if existing is not None:
            return existing
        start = today + datetime.timedelta(days=start_in)
        created = services.programme_create(
            by=admin,
            title=title,
            occupation=occupation,
            institution=institution,
            region=county,
            station=station if not place else None,
            place=place,
            start_date=start,
            end_date=start + datetime.timedelta(days=days - 1),
            capacity=capacity,
            fee=Decimal("1800") if subsidy else Decimal("0"),
            subsidised=bool(subsidy),
            subsidy_amount=Decimal(subsidy) if subsidy else None,
            description="理论与实操结合，结业后参加职业技能等级认定。",
        )
        # Mornings and afternoons, every day: the page's schedule is read from these.
        for offset in range(days):
            for starts, ends, part in ((9, 12, "上午"), (14, 17, "下午")):
                services.session_add(
                    programme=created,
                    by=admin,
                    date=start + datetime.timedelta(days=offset),
                    starts=datetime.time(starts, 0),
                    ends=datetime.time(ends, 0),
                    topic=f"第{offset + 1}天{part}",
                )
        services.programme_publish(programme=created, by=admin)
        made += 1
        return created

    welding = programme(
        WELDING_TITLE, welder, 10, 5, 20, "1500", "" if station else "示范县职业技能培训学校实训楼"
    )
    programme(CHILDCARE_TITLE, childcare, 20, 4, 30, "", "示范县妇女儿童活动中心三楼")

    referred = 0
    if staff is not None and not welding.referrals.exists():
        for seeker in (
            Seeker.objects.not_withdrawn().filter(home_station__isnull=False).order_by("pk")[:3]
        ):
            try:
                services.referral_refer(
                    programme=welding, seeker=seeker, by=staff, note="驿站推荐参加焊工培训"
                )
            except ValidationError:
                continue
            referred += 1

    demanded = 0
    if not DemandOrder.objects.filter(occupation=childcare).exists():
        month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        wishes = [
            ("employer", "示范县爱家家政服务有限公司", 8, "客户多要求持证育婴员"),
            ("seeker", "孙女士", 1, "想学育婴，周末有空"),
            ("employer", "城关镇月嫂服务部", 5, "希望在驿站开班"),
        ]
        for requester, label, people, note in wishes if station is not None else []:
            services.demand_order_create(
                by=admin,
                occupation=childcare,
                people=people,
                month=month,
                note=note,
                requester=requester,
                requester_label=label,
                station=station,
            )
            demanded += 1
    say(f"training: {made} programmes, {referred} referrals, {demanded} demand orders for 育婴员")
