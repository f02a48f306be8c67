"""import_jobs carries each job's industry (GB/T 4754 section), so the monthly figures by industry
count imported openings under their industry instead of "unspecified" (#12)."""

import pytest
from django.core.management import call_command

from jobs.models import Employer, Job
from reports.selectors import Month, by_industry
from tests.gigmarket.factories import RegionFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "external_ref,employer_name,employer_kind,credit_code,contact_name,contact_mobile,"
    "employer_region,employer_industry,title,occupation,content,region,address,start_date,"
    "headcount,pay_min,valid_through,status,opened_at,industry\n"
)


def _import(tmp_path, body: str) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(HEADER + body, encoding="utf-8-sig")
    call_command("import_jobs", str(path))


def test_imported_jobs_carry_their_industry_or_their_employers(tmp_path, capsys):
    RegionFactory(code="520999001")
    _import(
        tmp_path,
        # a letter; the employer's industry when blank; a name; letter and name; a bad cell
        "J-1,鑫达劳务,个人,,陈经理,13700007777,520999001,E,搬运工,4-09,卸货,520999001,建设路,"
        "2026-03-02,5,180,2026-03-30,招聘中,2026-03-02,G\n"
        "J-2,鑫达劳务,个人,,陈经理,13700007777,520999001,E,小工,4-09,搬砖,520999001,建设路,"
        "2026-03-03,2,180,2026-03-30,招聘中,2026-03-03,\n"
        "J-3,王大姐,家庭,,王大姐,13700008888,520999001,,保洁,4-09,打扫,520999001,和平社区,"
        "2026-03-04,1,150,2026-03-30,招聘中,2026-03-04,居民服务、修理和其他服务业\n"
        "J-4,李老板,个人,,李老板,13700006666,520999001,h 住宿和餐饮业,帮厨,4-09,洗菜,520999001,"
        "某饭店,2026-03-05,3,150,2026-03-30,招聘中,2026-03-05,\n"
        "J-5,赵,个人,,赵,13700009999,520999001,,保洁,4-09,打扫,520999001,某地,"
        "2026-03-06,1,150,2026-03-30,招聘中,2026-03-06,种地\n",
    )
    err = capsys.readouterr().err
    assert "line 6" in err and "种地" in err  # reported with its line, nothing saved for it
    industry = dict(Job.objects.values_list("external_ref", "industry__code"))
    assert industry == {"J-1": "G", "J-2": "E", "J-3": "O", "J-4": "H"}
    assert Employer.objects.get(contact_mobile="13700007777").industry.code == "E"
    assert Employer.objects.get(contact_mobile="13700008888").industry is None

    rows = {r["code"]: r["new_openings"] for r in by_industry(Month.parse("2026-03"), None)}
    assert rows == {"E": 2, "G": 5, "H": 3, "O": 1}  # nothing under "unspecified"


def test_reimporting_with_a_blank_industry_changes_nothing(tmp_path, capsys):
    RegionFactory(code="520999001")
    row = (
        "J-2,鑫达劳务,个人,,陈经理,13700007777,520999001,E,小工,4-09,搬砖,520999001,建设路,"
        "2026-03-03,2,180,2026-03-30,招聘中,2026-03-03,\n"
    )
    _import(tmp_path, row)
    _import(tmp_path, row)
    assert "0 created, 0 updated, 1 unchanged" in capsys.readouterr().out
    assert Job.objects.get().industry.code == "E"
