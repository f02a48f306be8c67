"""Reading a job's insurance from words (the old free-text field, an import's ``insurance``
column): the kind it names, the insurer and the cover when they can be recognised.

The data migration ``0012_job_insurance_from_text`` keeps its own frozen copy of these words.
"""

from __future__ import annotations

import re

#: Words that say there is no cover (checked first: 不买保险 names insurance too).
NONE_WORDS = re.compile(
    r"^(?:无|没有|暂无|不提供|不买|不包|自理|无保险|否)$|无保险|没有保险|不买保险|不提供保险|保险自理|自行购买|自己买"
)
#: Occupational-injury protection for platform work (新就业形态人员职业伤害保障).
PLATFORM_WORDS = re.compile(r"职业伤害|职伤保障|平台.{0,4}保障|骑手.{0,4}保")
#: Accident insurance the employer buys (意外险, 团体意外险, 雇主责任险).
ACCIDENT_WORDS = re.compile(r"意外|雇主责任|雇主险|团体险|工伤|(?:购买|买|上|交|缴|包)保险|^保险$")
#: Insurers people name.
INSURERS = re.compile(
    r"中国人保|人保财险|人保|中国人寿|国寿|平安|太平洋|太保|中华联合|大地保险|阳光保险|泰康"
)
#: A cover amount: 50万, 100万元, 50 万.
COVER = re.compile(r"\d+(?:\.\d+)?\s*万元?")


def parse_insurance(text: str) -> tuple[str, str, str, str]:
    """(kind, insurer, cover, note) read from ``text``; unrecognised text is kind "other" with
    the text kept as the note, an empty text is "none"."""
    text = (text or "").strip()
    codes = {"none", "employer_accident", "platform_injury", "other"}
    if not text or text in codes - {"other"}:
        return (text or "none"), "", "", ""
    insurer_match = INSURERS.search(text)
    insurer = insurer_match.group(0) if insurer_match else ""
    cover_match = COVER.search(text)
    cover = cover_match.group(0).replace(" ", "") if cover_match else ""
    if NONE_WORDS.search(text):
        return "none", "", "", ""
    if PLATFORM_WORDS.search(text):
        return "platform_injury", insurer, cover, ""
    if ACCIDENT_WORDS.search(text) or (insurer and "保" in text):
        return "employer_accident", insurer, cover, ""
    return "other", insurer, cover, text[:60]
