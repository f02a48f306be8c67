"""Demo data of the rights app: a few complaints in the demo county, in various states."""

from __future__ import annotations

import datetime
from decimal import Decimal

from gigmarket import demo

#: (key, kind, name, mobile, against whom, what happened, amount, people, steps, days ago)
CASES = [
    (
        "demo-rights-1",
        "unpaid_wages",
        "王德明",
        "13900000101",
        "某装修队（李老板）",
        "在城东小区做了20天装修小工，说好每天200元，完工后老板一直拖着不给工钱。",
        Decimal("3200"),
        4,
        ["accept", "mediate", "resolve", "close", "rate"],
        2,
    ),
    (
        "demo-rights-2",
        "fake_posting",
        "刘芳",
        "13900000102",
        "网上看到的“高薪日结”岗位",
        "去了现场才知道要先交300元服装费，实际工作和招聘内容完全不一样。",
        None,
        None,
        ["notice"],
        2,
    ),
    (
        "demo-rights-3",
        "illegal_intermediary",
        "张小军",
        "13900000103",
        "火车站附近的一家中介",
        "收了500元介绍费，介绍的工作第二天就说不要人了，中介不退钱。",
        None,
        None,
        ["accept", "mediate"],
        4,
    ),
    (
        "demo-rights-4",
        "discrimination",
        "赵秀兰",
        "13900000104",
        "某保洁公司",
        "电话里问了年龄，说超过45岁一律不要。",
        None,
        None,
        [],
        25,
    ),
    (
        "demo-rights-5",
        "unpaid_wages",
        "陈建国",
        "13900000105",
        "某劳务分包老板",
        "工地上干了两个月，8个人的工资都没发，老板联系不上。",
        Decimal("56000"),
        8,
        ["accept", "transfer"],
        6,
    ),
]


@demo.register(50, "rights")
def seed_rights(say) -> None:
    from django.db.models import F

    from gigmarket.models import User
    from rights import services
    from rights.deadlines import due_date_for
    from rights.models import Complaint
    from stations.models import Station

    station = Station.objects.filter(code="sfx-market").first() or Station.objects.active().first()
    staff = User.objects.filter(username="staff").first()
    if station is None or staff is None:
        say("rights: no station or staff yet, no demo complaints")
        return
    if not Station.objects.staffed_by(staff).filter(pk=station.pk).exists():
        staff = User.objects.filter(username="admin").first() or staff
    created_count = 0
    for key, kind, name, mobile, against, what, amount, people, steps, days_ago in CASES:
        complaint, created = services.complaint_file(
            by=None,
            station=station,
            kind=kind,
            name=name,
            mobile=mobile,
            description=what,
            respondent_text=against,
            amount_owed=amount,
            people_affected=people,
            idempotency_key=key,
        )
        if not created:
            continue
        created_count += 1
        received = complaint.received_at - datetime.timedelta(days=days_ago)
        Complaint.objects.filter(pk=complaint.pk).update(
            received_at=received, due_date=due_date_for(kind, received.date())
        )
        complaint.logs.update(at=F("at") - datetime.timedelta(days=days_ago))
        complaint.refresh_from_db()
        try:
            for step in steps:
                if step == "accept":
                    services.complaint_accept(complaint=complaint, by=staff)
                elif step == "notice":
                    services.complaint_request_material(
                        complaint=complaint,
                        by=staff,
                        items=["identity", "chat_records", "fee_receipts"],
                    )
                elif step == "mediate":
                    services.complaint_mediate(
                        complaint=complaint, by=staff, note="已约双方到驿站调解"
                    )
                elif step == "resolve":
                    services.complaint_resolve(
                        complaint=complaint,
                        by=staff,
                        outcome="经调解，老板当场结清工资。",
                        recovered_amount=amount,
                        recovered_people=people,
                    )
                elif step == "transfer":
                    services.complaint_transfer(
                        complaint=complaint,
                        by=staff,
                        to="labour_inspection",
                        note="人数多、金额大，移交劳动保障监察。",
                    )
                elif step == "close":
                    services.complaint_close(complaint=complaint, by=staff)
                elif step == "rate":
                    services.complaint_rate(
                        complaint=complaint, score=5, comment="办得很快，谢谢！"
                    )
                complaint.refresh_from_db()
        except Exception as error:  # noqa: BLE001  (demo data must not stop seed_demo)
            say(f"rights: demo case {key} stopped at a step: {error}")
    say(f"rights: {created_count} new demo complaints at {station}")
