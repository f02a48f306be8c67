"""Management commands: expire_jobs and import_jobs."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Employer, Job
from tests.gigmarket.factories import RegionFactory
from tests.jobs.factories import OpenJobFactory
from tests.stations.factories import StationFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "external_ref,employer_name,employer_kind,credit_code,contact_name,contact_mobile,employer_region,"
    "title,occupation,nature,content,region,address,start_date,end_date,headcount,pay_min,pay_max,"
    "pay_unit,settlement,meals,valid_through,station,status,opened_at,ended_at\n"
)


def test_expire_jobs_expires_past_valid_through_and_dry_run_does_not(capsys):
    job = OpenJobFactory(valid_through=timezone.localdate() - datetime.timedelta(days=2))
    call_command("expire_jobs", "--dry-run")
    assert Job.objects.get(pk=job.pk).status == "open"
    call_command("expire_jobs")
    job.refresh_from_db()
    assert job.status == "expired"
    assert job.transitions.last().to_state == "expired"
    assert "1" in capsys.readouterr().out


def _csv(tmp_path, body):
    path = tmp_path / "jobs.csv"
    path.write_text(HEADER + body, encoding="utf-8-sig")
    return path


def test_import_jobs_keeps_history_reports_bad_rows_and_is_idempotent(tmp_path, capsys):
    RegionFactory(code="520999001")
    StationFactory(code="chengguan")
    path = _csv(
        tmp_path,
        "X-1,鑫达劳务有限公司,企业,91350100M000100Y43,陈经理,13700007777,520999001,搬运工,4-09,日结,卸货,"
        "520999001,建设路1号,2026-03-02,2026-03-05,5,180,,天,日结,是,2026-03-10,chengguan,已过期,2026-03-01,2026-03-11\n"
        "X-2,王师傅,个人,,王建国,13700008888,520999001,木工,木工,短期工,装修,520999001,和平社区,"
        "2026-04-01,,2,300,350,天,周结,否,2026-04-20,chengguan,招聘中,,\n"
        "X-3,坏数据,个人,,赵,13700009999,520999001,保洁,不存在的工种,日结,打扫,520999001,某地,"
        "2026-04-01,,1,abc,,天,日结,否,2026-04-20,,招聘中,,\n",
    )
    call_command("import_jobs", str(path), "--dry-run")
    assert not Job.objects.exists() and not Employer.objects.exists()
    call_command("import_jobs", str(path))
    err = capsys.readouterr().err
    assert "line 4" in err
    first = Job.objects.get(external_ref="X-1")
    assert first.status == "expired"
    assert timezone.localtime(first.opened_at).date() == datetime.date(2026, 3, 1)
    assert Job.objects.get(external_ref="X-2").opened_at.date() == datetime.date(2026, 4, 1)
    assert Job.objects.count() == 2 and Employer.objects.count() == 2
    call_command("import_jobs", str(path))
    assert "0 created, 0 updated, 2 unchanged" in capsys.readouterr().out


def test_import_placements_refuses_on_duty_or_completed_before_the_work_can_have_happened(
    tmp_path, capsys
):
    """Issue 12: the import keeps the rules of the services: on duty needs the job's first day,
    completed needs a completion date not in the future; bad lines are reported, good ones go in."""
    from jobs.models import Placement
    from tests.seekers.factories import SeekerFactory

    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    OpenJobFactory(start_date=tomorrow, external_ref="P-SOON")
    OpenJobFactory(start_date=today - datetime.timedelta(days=3), external_ref="P-DONE")
    SeekerFactory(mobile="13800006601")
    SeekerFactory(mobile="13800006602")
    path = tmp_path / "placements.csv"
    path.write_text(
        "job_ref,seeker_mobile,state,start_date,end_date,completed_on\n"
        "P-SOON,13800006601,在岗,,,\n"
        f"P-DONE,13800006601,完成,{today - datetime.timedelta(days=3)},,{tomorrow}\n"
        f"P-DONE,13800006602,完成,{today - datetime.timedelta(days=3)},{today},\n",
        encoding="utf-8-sig",
    )
    call_command("import_placements", str(path))
    err = capsys.readouterr().err
    assert "line 2" in err and "line 3" in err and "line 4" not in err
    assert list(Placement.objects.values_list("seeker__mobile", "state")) == [
        ("13800006602", "completed")
    ]
