"""Regions: levels from codes, subtree reach, and the statistics-bureau import."""

import pytest
from django.core.management import CommandError, call_command

from gigmarket.models import Region
from gigmarket.services import region_import

pytestmark = pytest.mark.django_db


def write(tmp_path, text, name="regions.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


GOOD = """code,name,parent_code
520000000000,贵州省,
520100000000,贵阳市,520000000000
520102000000,南明区,520100000000
520102001000,新华路街道,520102000000
520102001001,富水南路社区居委会,520102001000
"""


def test_twelve_digit_codes_fold_to_their_level(tmp_path):
    call_command("import_regions", write(tmp_path, GOOD))
    levels = dict(Region.objects.values_list("code", "level"))
    assert levels == {
        "520000": "province",
        "520100": "prefecture",
        "520102": "county",
        "520102001": "township",
        "520102001001": "village",
    }
    assert Region.objects.get(code="520102001001").parent.code == "520102001"


def test_reimporting_the_same_file_changes_nothing(tmp_path, capsys):
    path = write(tmp_path, GOOD)
    call_command("import_regions", path)
    before = list(Region.objects.values_list("pk", "code", "name", "parent_id"))
    call_command("import_regions", path)
    assert list(Region.objects.values_list("pk", "code", "name", "parent_id")) == before
    assert "0 created, 0 updated, 5 unchanged" in capsys.readouterr().out


def test_bad_rows_are_reported_by_line_and_good_rows_still_load(tmp_path):
    text = """code,name,parent_code
520000,贵州省,
52010X,坏代码,520000
520101,,520000
520102001,新华路街道,529999
520102,南明区,520000
"""
    with pytest.raises(CommandError):
        call_command("import_regions", write(tmp_path, text))
    report = region_import(rows=[(3, {"code": "52010X", "name": "x"})])
    assert report.errors[0][0] == 3
    assert set(Region.objects.filter(code__startswith="52").values_list("code", flat=True)) >= {
        "520000",
        "520102",
    }
    assert not Region.objects.filter(name="坏代码").exists()


def test_dry_run_saves_nothing(tmp_path):
    call_command("import_regions", write(tmp_path, GOOD), "--dry-run")
    assert not Region.objects.filter(code="520102").exists()


def test_parents_may_come_after_children(tmp_path):
    text = "code,name,parent_code\n520102001,新华路街道,520102\n520102,南明区,\n"
    call_command("import_regions", write(tmp_path, text))
    assert Region.objects.get(code="520102001").parent.code == "520102"


def test_xlsx_files_import_too(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "parent_code"])
    sheet.append([520102, "南明区", None])
    path = tmp_path / "regions.xlsx"
    book.save(path)
    call_command("import_regions", path)
    assert Region.objects.get(code="520102").name == "南明区"


def test_within_a_region_means_its_whole_subtree(tmp_path):
    call_command("import_regions", write(tmp_path, GOOD))
    province = Region.objects.get(code="520000")
    county = Region.objects.get(code="520102")
    assert set(Region.objects.within(county).values_list("code", flat=True)) == {
        "520102",
        "520102001",
        "520102001001",
    }
    assert Region.objects.within(province).count() == 5
    assert province.contains(county) and not county.contains(province)
