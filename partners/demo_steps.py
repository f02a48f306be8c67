"""Demo data of the partners app: a village committee with one account (partner / Demo-Partner-2026)
that registered a neighbour with her signed consent; the station accepted and recorded the outcome."""

from __future__ import annotations

from gigmarket import demo

DEMO_PARTNER = ("partner", "石桥村村委会（演示）", "Demo-Partner-2026")
DEMO_COUNTY = "520999"


@demo.register(65, "partners")
def seed_partners(say) -> None:
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from gigmarket.models import Occupation, Region, User
    from gigmarket.roles import Role
    from partners import services
    from partners.models import Partner, PartnerMember, Referral
    from stations.models import Station
    from subsidies.demo_steps import PNG

    county = Region.objects.filter(code=DEMO_COUNTY).first()
    staff = User.objects.filter(username="staff").first()
    if county is None or staff is None:
        say("partners: no demo county or staff yet, skipped")
        return
    username, display_name, password = DEMO_PARTNER
    with transaction.atomic():
        partner, _ = Partner.objects.get_or_create(
            name="石桥村村民委员会",
            defaults={"kind": Partner.Kind.VILLAGE_COMMITTEE, "region": county},
        )
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"display_name": display_name, "kind": User.Kind.STAFF, "region": county},
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=Role.PARTNER))
        PartnerMember.objects.get_or_create(user=user, defaults={"partner": partner})
        demo.add_login("合作单位（村委会）", username, password)
        station = (
            services.stations_for(partner)
            .filter(pk__in=Station.objects.staffed_by(staff).values("pk"))
            .first()
        )
        if station is None or Referral.objects.filter(partner=partner).exists():
            say("partners: demo partner ready")
            return
        referral = services.partner_register_and_refer(
            by=user,
            name="赵春梅",
            mobile="13900000201",
            primary_occupation=Occupation.objects.filter(code="4-02").first()
            or Occupation.objects.kinds().first(),
            station=station,
            purpose="job",
            note="家里老人需要照顾，想找离家近的保洁活。",
            consent_file=SimpleUploadedFile("consent.png", PNG),
        )
        services.referral_accept(referral=referral, by=staff, note="已电话联系本人")
        services.referral_done(
            referral=referral, by=staff, outcome="已推荐到城东小区做保洁，本人满意。"
        )
    say("partners: demo partner, one referral")
