"""The posting checker: flags discriminatory terms and money taken from workers (see REFERENCE.md).

Block rules keep a posting from being published as written (the reviewer may override only the
sex rule, with a recorded lawful reason); warn rules need the reviewer to record why they approve.
Text is matched after folding full-width characters and removing spaces and punctuation, so
"男 性 优 先" and "押　金" are caught; findings point back at the phrase as the user wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

BLOCK = "block"
WARN = "warn"

#: Categories: (label, law cited, default severity). The sex rule alone may be overridden.
CATEGORIES = {
    "sex": (
        _("Limits by sex"),
        _("Employment Promotion Law art. 27; Women's Rights and Interests Protection Law art. 43"),
        BLOCK,
    ),
    "marriage": (
        _("Limits by marriage or childbirth"),
        _("Women's Rights and Interests Protection Law art. 43; Employment Promotion Law art. 27"),
        BLOCK,
    ),
    "ethnicity": (
        _("Limits by ethnicity or religion"),
        _("Employment Promotion Law art. 3 and 28"),
        BLOCK,
    ),
    "health": (
        _("Limits by health (e.g. hepatitis B carriers)"),
        _("Employment Promotion Law art. 30"),
        BLOCK,
    ),
    "disability": (
        _("Limits against people with disabilities"),
        _("Employment Promotion Law art. 29"),
        BLOCK,
    ),
    "origin": (
        _("Limits by household registration or place of origin"),
        _(
            "Employment Promotion Law art. 31; Interim Regulations on the Human Resources Market art. 24; Provisions on Online Recruitment Services art. 15"
        ),
        BLOCK,
    ),
    "money": (_("Money or documents taken from workers"), _("Labour Contract Law art. 9"), BLOCK),
    "age": (
        _("Age limits"),
        _("Against employment-service policy: older workers are a priority group"),
        WARN,
    ),
    "appearance": (
        _("Requirements on looks or height"),
        _("Employment Promotion Law art. 3 (fair employment)"),
        WARN,
    ),
    "minor": (
        _("Workers under 16"),
        _("Labour Law art. 15: employing anyone under 16 is unlawful"),
        WARN,
    ),
    "wage": (
        _("Pay below the local minimum hourly wage"),
        _("Labour Contract Law art. 72; local minimum wage rules"),
        WARN,
    ),
    "settlement": (
        _("Hourly work paid less often than every 15 days"),
        _("Labour Contract Law art. 72"),
        WARN,
    ),
}
OVERRIDABLE = frozenset({"sex"})

# A charge is not flagged when the text says it is NOT charged (无押金, 不收押金, 免培训费 …).
_NOT = "".join(
    f"(?<!{word})"
    for word in (
        "无",
        "免",
        "零",
        "不",
        "不收",
        "不交",
        "无需",
        "不需",
        "不用",
        "没有",
        "不收取",
        "无需交",
        "不需要",
        "不用交",
        "禁止",
        "严禁",
        "拒绝",
        "谨防",
        "不得",
        "包",
        "报销",
    )
)
_PAID_BY_EMPLOYER = (
    "(?!由?(?:公司|单位|雇主|老板|东家|我方|厂里|企业)(?:承担|负责|支付|出|报销|全包))"
)

#: (category, severity, pattern) — the built-in list; a data migration copies it into PostingRule.
DEFAULT_RULES: list[tuple[str, str, str]] = [
    # sex
    ("sex", BLOCK, r"(?<!不)(?:仅|只)?限(?:男|女)(?![女男])"),
    ("sex", BLOCK, r"只(?:招|要|收|录)(?:男|女)(?![女男])"),
    ("sex", BLOCK, r"(?:男|女)(?:性|士|生|工)?优先"),
    ("sex", BLOCK, r"(?:男|女)(?:性|士|生)?勿扰"),
    # marriage / childbirth
    ("marriage", BLOCK, r"(?<!不)限未婚"),
    ("marriage", BLOCK, r"未婚(?:未育)?优先"),
    ("marriage", BLOCK, r"已婚已育"),
    ("marriage", BLOCK, r"婚育状况"),
    ("marriage", BLOCK, r"孕检"),
    ("marriage", BLOCK, r"验孕"),
    ("marriage", BLOCK, r"承诺.{0,8}不(?:生育|生孩子|要孩子|怀孕)"),
    ("marriage", BLOCK, r"(?:[0-9一二两三四五]年)内?不(?:生育|怀孕|要孩子)"),
    # ethnicity / religion
    ("ethnicity", BLOCK, r"(?<!不)限汉族"),
    ("ethnicity", BLOCK, r"汉族优先"),
    ("ethnicity", BLOCK, r"少数民族(?:勿扰|不要|除外)"),
    ("ethnicity", BLOCK, r"(?:信教|宗教信仰)者?(?:勿扰|不要|除外)"),
    # health
    ("health", BLOCK, r"乙肝.{0,4}(?:勿扰|不要|除外)"),
    ("health", BLOCK, r"乙肝两对半"),
    ("health", BLOCK, r"hbsag阴性"),
    # disability
    ("disability", BLOCK, r"(?:残疾|残障)(?:人|人士|者)?(?:勿扰|不要|除外)"),
    # origin
    ("origin", BLOCK, r"(?<!不)限(?:本地|城镇|农村|城市)户口"),
    ("origin", BLOCK, r"(?:农村|外地|城镇)户口(?:勿扰|不要|除外)"),
    ("origin", BLOCK, r"外地人?(?:勿扰|不要|除外)"),
    ("origin", BLOCK, r"(?<!不)限[\u4e00-\u9fff]{1,4}籍"),
    ("origin", BLOCK, r"本地户口优先"),
    ("origin", BLOCK, r"(?<!不)限本地人"),
    # money from the worker
    ("money", BLOCK, _NOT + r"押金" + _PAID_BY_EMPLOYER),
    ("money", BLOCK, _NOT + r"报名费"),
    ("money", BLOCK, _NOT + r"服装费" + _PAID_BY_EMPLOYER),
    ("money", BLOCK, _NOT + r"工装费" + _PAID_BY_EMPLOYER),
    ("money", BLOCK, _NOT + r"培训费" + _PAID_BY_EMPLOYER),
    ("money", BLOCK, r"(?:扣押|押)(?:身份证|证件)"),
    # age
    ("age", WARN, r"(?<!\d)\d{2}周?岁以下"),
    ("age", WARN, r"(?<!\d)\d{2}(?:至|到)?\d{2}周?岁"),
    ("age", WARN, r"(?<!\d)\d{2}周?岁以上(?:勿扰|不要)"),
    ("age", WARN, r"限\d{2}后"),
    ("age", WARN, r"\d{2}后优先"),
    ("age", WARN, r"(?:年龄|年纪)(?:要求|限|在)?\d{2}"),
    # appearance
    ("appearance", WARN, r"身高"),
    ("appearance", WARN, r"相貌"),
    ("appearance", WARN, r"长相"),
    ("appearance", WARN, r"形象(?:气质)?(?:佳|好)"),
    ("appearance", WARN, r"五官端正"),
    ("appearance", WARN, r"颜值"),
    # minors
    ("minor", WARN, r"(?<!\d)(?:1[0-5]|[1-9])周?岁(?:以上|及以上|起|即可)"),
]

#: Characters dropped before matching: spaces of every kind, zero-width characters, punctuation
#: and the separators people put between characters to slip past filters.
_IGNORED = set(
    "\u200b\u200c\u200d\u2060\ufeff*·•・_|/\\.,，。、;；:：!！?？'\"“”‘’()（）[]【】<>《》{}~～-—–－+＋=#@$%^&"
)


@dataclass(frozen=True)
class Finding:
    """One thing the checker found: where, under which rule, and the law it offends."""

    category: str
    severity: str
    phrase: str

    @property
    def label(self) -> str:
        return str(CATEGORIES[self.category][0])

    @property
    def law(self) -> str:
        return str(CATEGORIES[self.category][1])

    @property
    def is_block(self) -> bool:
        return self.severity == BLOCK

    @property
    def overridable(self) -> bool:
        return self.category in OVERRIDABLE


def normalize(text: str) -> tuple[str, list[int]]:
    """The text folded for matching (NFKC, lower case, no spaces or separators), and for each
    character of it the index of the character it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text or ""):
        for piece in unicodedata.normalize("NFKC", char).lower():
            if piece.isspace() or piece in _IGNORED or unicodedata.category(piece) == "Cf":
                continue
            folded.append(piece)
            origin.append(index)
    return "".join(folded), origin


def _compiled(rules: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, re.Pattern]]:
    out = []
    for category, severity, pattern in rules:
        if category not in CATEGORIES:
            continue
        try:
            out.append((category, severity, re.compile(pattern)))
        except re.error:
            continue
    return out


def active_rules() -> list[tuple[str, str, str]]:
    """The rule list the county admin keeps (PostingRule); the built-in list if it is empty."""
    from jobs.models import PostingRule

    rows = list(PostingRule.objects.values_list("category", "severity", "pattern", "active"))
    if not rows:
        return list(DEFAULT_RULES)
    return [(c, s, p) for c, s, p, active in rows if active]


def check_text(text: str, rules: Sequence[tuple[str, str, str]] | None = None) -> list[Finding]:
    """Every flagged phrase in ``text``, in reading order, each once per category."""
    if rules is None:
        rules = DEFAULT_RULES
    folded, origin = normalize(text)
    found: dict[tuple[str, int], Finding] = {}
    for category, severity, pattern in _compiled(rules):
        for match in pattern.finditer(folded):
            if match.end() == match.start():
                continue
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            key = (category, start)
            if key not in found:
                found[key] = Finding(category, severity, text[start:end])
    return [found[key] for key in sorted(found, key=lambda k: (k[1], k[0]))]


def minimum_hourly_wage() -> Decimal:
    """The local minimum hourly wage (setting JOBS_MIN_HOURLY_WAGE; yuan)."""
    return Decimal(str(getattr(settings, "JOBS_MIN_HOURLY_WAGE", "18.00")))


def check_terms(job) -> list[Finding]:
    """Warnings from a job's structured terms: pay under the minimum wage, slow pay for hourly work."""
    findings = []
    hourly = job.pay_hourly_min if job.pay_min is not None else None
    if hourly is not None and hourly < minimum_hourly_wage():
        findings.append(Finding("wage", WARN, f"{hourly.quantize(Decimal('0.01'))} 元/小时"))
    if job.nature in ("hourly", "part_time"):
        slow = job.settlement == "monthly"
        if job.settlement == "on_completion":
            slow = (
                not job.end_date
                or not job.start_date
                or (job.end_date - job.start_date > timedelta(days=15))
            )
        if slow:
            findings.append(Finding("settlement", WARN, job.get_settlement_display()))
    return findings


def check_job(job, rules: Sequence[tuple[str, str, str]] | None = None) -> list[Finding]:
    """All findings on a job: its free text, then its terms."""
    return check_text(
        job.checked_text, rules if rules is not None else active_rules()
    ) + check_terms(job)


def blocks(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_block]


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if not f.is_block]
