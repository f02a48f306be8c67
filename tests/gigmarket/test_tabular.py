"""Exports open in Chinese spreadsheet programs and never carry formulas."""

import io

from openpyxl import load_workbook

from gigmarket.tabular import csv_bytes, xlsx_bytes


def test_csv_has_a_bom_and_defuses_formulas():
    data = csv_bytes(["姓名", "备注"], [["张三", "=HYPERLINK(1)"], ["李四", 3]])
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "张三" in text


def test_csv_defuses_a_formula_hidden_behind_a_tab_or_carriage_return():
    text = csv_bytes(["备注"], [["\t=1+1"], ["\r=1+1"]]).decode("utf-8-sig")
    assert "'\t=1+1" in text and "'\r=1+1" in text


def test_xlsx_freezes_the_header_keeps_numbers_and_writes_no_formula():
    data = xlsx_bytes(
        [("台账", ["名称", "人数", "备注"], [["保洁", 3, "=1+1"], ["搬运", 2.5, "+86"]])]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "台账" and sheet.freeze_panes == "A2"
    assert sheet["B2"].value == 3 and sheet["B3"].value == 2.5
    assert sheet["C2"].value == "=1+1" and sheet["C2"].data_type == "s"
