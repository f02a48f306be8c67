"""The kernel's demo data: reference vocabulary, the demo county's regions, one account per role."""

from pathlib import Path

from django.contrib.auth.models import Group

from gigmarket import demo
from gigmarket.models import Region, User
from gigmarket.reference import load_reference
from gigmarket.roles import Role
from gigmarket.services import region_import
from gigmarket.tabular import read_rows

DEMO_REGIONS = Path(__file__).resolve().parent / "data" / "demo_regions.csv"
DEMO_COUNTY = "520999"

#: (username, display name, role, password) of the demo back-office accounts.
DEMO_STAFF = [
    ("admin", "县级管理员（演示）", Role.COUNTY_ADMIN, "Demo-Admin-2026"),
    ("staff", "驿站工作人员（演示）", Role.STATION_STAFF, "Demo-Staff-2026"),
    ("reviewer", "信息审核员（演示）", Role.REVIEWER, "Demo-Review-2026"),
    ("auditor", "审计员（演示）", Role.AUDITOR, "Demo-Audit-2026"),
]


@demo.register(0, "kernel")
def seed_kernel(say) -> None:
    load_reference()
    report = region_import(rows=read_rows(DEMO_REGIONS))
    say(f"regions: {report.created} new, {report.updated} updated, {report.unchanged} unchanged")
    county = Region.objects.get(code=DEMO_COUNTY)
    for username, name, role, password in DEMO_STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"display_name": name, "kind": User.Kind.STAFF, "region": county},
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        demo.add_login(str(role.label), username, password)
