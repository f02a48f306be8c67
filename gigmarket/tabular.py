"""Reading spreadsheets staff bring (CSV/XLSX) and writing exports (CSV with BOM, XLSX).

Imports report each bad row with its line number; exports never write a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from gigmarket.logging import scrub
from gigmarket.validators import strip_control_characters

#: What a spreadsheet program may read as the start of a formula (OWASP CSV injection list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ImportReport:
    """What an import did: counts by outcome and every rejected row with its reason."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, line: int, message: str) -> None:
        self.errors.append((line, str(message)))

    def row(self, line: int) -> RowGuard:
        """``with report.row(line):`` runs one row in its own savepoint; a bad row is rolled back
        and reported with its line number, and the import goes on with the next row."""
        return RowGuard(self, line)


class RowGuard:
    """One row of an import: a savepoint, and what went wrong in words staff can act on.

    A rule broken (``ValidationError``), a refusal (``PermissionDenied``) or an error the database
    raised (a NUL byte, a unique key taken meanwhile, a value too long) ends only this row: before,
    a database error escaped the per-row handling and aborted the whole file.
    """

    def __init__(self, report: ImportReport, line: int):
        self.report, self.line = report, line
        self._atomic = transaction.atomic()

    def __enter__(self) -> RowGuard:
        self._atomic.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._atomic.__exit__(exc_type, exc, tb)
        if exc is None:
            return False
        if not isinstance(exc, ROW_ERRORS):
            return False
        self.report.error(self.line, describe_row_error(exc))
        return True


#: What ends one row of an import, not the import: a broken rule, a refusal, a database error.
ROW_ERRORS = (ValidationError, PermissionDenied, DatabaseError)


def describe_row_error(error: Exception) -> str:
    """One of ``ROW_ERRORS`` in one line staff can act on (personal numbers masked)."""
    if isinstance(error, ValidationError):
        return describe_validation_error(error)
    if isinstance(error, PermissionDenied):
        return str(error) or _("Not allowed.")
    text = str(error).strip()
    detail = scrub(text.splitlines()[0]) if text else type(error).__name__
    return _("The database refused this row (%(detail)s); nothing of it was saved.") % {
        "detail": detail
    }


def describe_validation_error(error: ValidationError) -> str:
    """A ValidationError in one line: ``field: message; other: message``."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return "; ".join(
        (f"{field}: " if field and field != "__all__" else "") + " ".join(messages)
        for field, messages in error.message_dict.items()
    )


def read_rows(path: str | Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row as a dict of stripped strings) from a CSV (UTF-8, BOM or not) or XLSX.

    Control characters (a NUL pasted into a name) are dropped from every cell, as from web input.
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(rows, [])]
        for number, values in enumerate(rows, start=2):
            if values is None or all(v in (None, "") for v in values):
                continue
            yield (
                number,
                {
                    h: strip_control_characters(_cell_text(v))
                    for h, v in zip(header, values, strict=False)
                    if h
                },
            )
        book.close()
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for number, row in enumerate(reader, start=2):
            if not any((v or "").strip() for v in row.values()):
                continue
            yield (
                number,
                {
                    (k or "").strip(): strip_control_characters((v or "").strip())
                    for k, v in row.items()
                    if k
                },
            )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def safe_text(value: object) -> object:
    """A value as it may go into a spreadsheet cell: text that looks like a formula gets a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(header: list[str], rows: Iterable[Iterable[object]]) -> bytes:
    """CSV in UTF-8 with a BOM, so spreadsheet programs on Chinese Windows read it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else safe_text(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: list[tuple[str, list[str], Iterable[Iterable[object]]]]) -> bytes:
    """An XLSX workbook, one sheet per (name, header, rows); header frozen, numbers as numbers,
    and no string ever written as a formula."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    bold = book.add_format({"bold": True})
    for name, header, rows in sheets:
        sheet = book.add_worksheet(name[:31])
        sheet.write_row(0, 0, header, bold)
        sheet.freeze_panes(1, 0)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, bool) or value is None:
                    sheet.write_string(r, c, "" if value is None else str(value))
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, str(value))
    book.close()
    return buffer.getvalue()
