"""Demo data of the guidance app: the demo seeker has been guided, with a plan of a few steps and
a follow-up due; one employment and one unemployment registration; an insurance recommendation."""

from __future__ import annotations

import datetime

from gigmarket import demo

DEMO_SEEKER_MOBILE = "13900000001"


@demo.register(55, "guidance")
def seed_guidance(say) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.utils import timezone

    from gigmarket.models import User
    from guidance import services
    from guidance.models import Guidance, InsuranceAdvice, PlanStep, Registration
    from jobs.models import Placement
    from seekers.models import Seeker

    staff = User.objects.filter(username="staff").first()
    seeker = Seeker.objects.filter(mobile=DEMO_SEEKER_MOBILE).first()
    if staff is None or seeker is None:
        say("guidance: no staff or demo seeker yet, no demo guidance")
        return
    today = timezone.localdate()
    made = []
    try:
        if not Guidance.objects.of_seeker(seeker).exists():
            services.guidance_give(
                by=staff,
                seeker=seeker,
                work_history="在工地做过五年小工，近两年在家务农。",
                skills="会砌墙抹灰，没有证书。",
                health_limits="腰不好，不能长时间搬重物。",
                availability="周一到周六白天",
                transport="骑电动车，15公里以内",
                wants="想找离家近、日结的活，学一门手艺。",
                goals="一个月内找到稳定的日结活；考一个技能证书。",
                steps=[
                    {"kind": PlanStep.Kind.JOB, "text": "去城东小区装修项目试工两天"},
                    {"kind": PlanStep.Kind.DOCUMENTS, "text": "带身份证和银行卡复印件"},
                    {
                        "kind": PlanStep.Kind.FOLLOW_UP,
                        "text": "电话回访",
                        "due_on": today,
                    },
                ],
            )
            made.append("guidance")
        if not Registration.objects.of_seeker(seeker).exists():
            services.registration_record(
                by=staff,
                seeker=seeker,
                kind=Registration.Kind.UNEMPLOYMENT,
                unemployed_on=today - datetime.timedelta(days=40),
                reason=Registration.Reason.CONTRACT_ENDED,
                reference="DJ2026" + today.strftime("%m%d") + "001",
            )
            made.append("unemployment registration")
        for placement in (
            Placement.objects.filter(
                job__insurance_kind="none",
                state__in=("confirmed", "on_duty", "completed"),
            )
            .exclude(insurance_advice__isnull=False)
            .select_related("job", "seeker", "station")
            .order_by("-confirmed_at")[:2]
        ):
            services.insurance_advice_open(placement=placement, by=staff)
            made.append("insurance prompt")
    except (PermissionDenied, ValidationError) as error:
        say(f"guidance: demo stopped at a step: {error}")
    open_advice = InsuranceAdvice.objects.open().count()
    say(f"guidance: made {', '.join(made) or 'nothing new'}; {open_advice} insurance prompts open")
