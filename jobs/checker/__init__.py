"""The posting checker: flags discriminatory terms and money taken from workers (see REFERENCE.md).

Block rules keep a posting from being published as written (the reviewer may override only the
sex rule, with a recorded lawful reason); warn rules need the reviewer to record why they approve.
Text is matched after folding (full-width characters, traditional and variant characters, spaces
and punctuation), so "男 性 优 先", "押　金" and "僅限女性" are caught; findings point back at the
phrase as the user wrote it. The rules (jobs/checker/rules.py, or the county admin's list) name
only what offends; one negation scope, here, decides for every rule whether the text says it is
not so (不收押金、服装费; 押金全免; 培训费由公司承担; a notice that quotes the phrase to report it).
docs/jobs.md explains the rules of that scope and the corpus that measures them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jobs.checker.rules import (
    BLOCK,
    DEFAULT_RULES,
    RISKY_OCCUPATIONS,
    RISKY_WORDS,
    WARN,
)

__all__ = [
    "BLOCK",
    "CATEGORIES",
    "DEFAULT_RULES",
    "WARN",
    "Finding",
    "active_rules",
    "blocks",
    "check_job",
    "check_terms",
    "check_text",
    "normalize",
    "risky_work",
    "warnings",
]

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
    "insurance": (
        _("Risky work (construction, heights, electrical) with no insurance"),
        _(
            "Work Safety Law art. 51; the gig-market service standard: recommend accident-injury insurance"
        ),
        WARN,
    ),
}
OVERRIDABLE = frozenset({"sex"})


#: Characters dropped before matching: spaces of every kind, zero-width characters, punctuation
#: and the separators people put between characters to slip past filters.
_IGNORED = set(
    "\u200b\u200c\u200d\u2060\ufeff*·•・_|/\\.,，。、;；:：!！?？'\"“”‘’()（）[]【】<>《》{}~～-—–－+＋=#@$%^&"
)
#: Marks that may end a clause (the scope of a negation); 、 joins a list and does not.
_CLAUSE_MARKS = set(",，。;；!！?？")
#: Variant and traditional characters folded to the simplified ones the rules use.
_VARIANTS = str.maketrans(
    "優僅祇衹隻錄擾婦驗檢證証費報訓練殘歲齡漢戶東體壓與無須嚴絕從決沒會準許問詢對測試資裝員請護讓兩產數歡謝談別來個種類質氣長顏廣貴鄉鎮縣區農學歷內達應師帶錢給還嬰媽嫂",
    "优仅只只只录扰妇验检证证费报训练残岁龄汉户东体压与无须严绝从决没会准许问询对测试资装员请护让两产数欢谢谈别来个种类质气长颜广贵乡镇县区农学历内达应师带钱给还婴妈嫂",
)

# ---- negation: what the text says is NOT so ----

#: A negation and the modal that may follow it (不/无需/绝不/严禁/不会/没有 …); 不怕, 不锈钢,
#: 无纺布, 免费, 未婚 … are not negations. 不论/无论/不管 (any answer will do) and 谨防/凡是/
#: 如被要求 (a warning about charges) count as one.
_NEGATION = re.compile(
    r"(?:绝不|决不|从不|从未|从来不|并不|毫不|凡是|谨防|警惕|提防|当心|防止|禁止|严禁|杜绝|拒绝"
    r"|不论|无论|不管|(?:如果?|若|假如|一旦)(?:被|遇到?|有人|有)?(?:要求|收取|让你?|向你)"
    r"|不(?!怕|断|错|少|同|仅|但|管|论|久|过|良|足|然|如|停|愁|累|定|等|锈|满|便|妨|幸|止|料|得不)"
    r"|无(?!论|法|限|缝|尘|人|线|纺|损|烟|业|关|聊|机|锡|菌|骨|偿)|免(?!费)|没有?"
    r"|未(?!婚|育|满|成年|来|经|孕)|切勿|请勿|勿(?!扰))"
    r"(?:需要?|须|用|必|会|得|能|准|许|应该?|可以?|要求?|再|曾)?"
)
#: The employer pays (公司承担培训费) — a negation of a charge to the worker.
_PAYER = (
    r"(?:由?(?:公司|单位|雇主|老板|东家|我方|我司|厂里|企业|店里|店家|厂方|学校|医院|基地|驿站|站点"
    r"|平台|工地|项目部|村里|合作社|政府|雇主家|东家|站里|场里|队里|院里|园里)(?:全额|全部|统一|全)?"
    r"(?:承担|负担|负责|支付|出钱|出|报销|全包|包|买单|付))"
)
_PAYER_BEFORE = re.compile(_PAYER)
#: The worker's task is to handle clients' money (负责收取顾客的押金, 协助学员缴纳学费, 帮商家
#: 登记设备押金): the money named after it in the clause is not taken from the worker.
_HANDLING = re.compile(
    r"(?:负责|协助|帮助|帮忙|帮|代为?|替)[\u4e00-\u9fff]{0,6}?"
    r"(?:收取|收(?!银|拾|货)|退还|登记|核对|管理|办理|缴纳|代收)"
)
#: Kinds of negation: says it is not so; the employer pays; the worker handles others' money.
_NEGATES, _PAYS, _HANDLES = "negates", "pays", "handles"
#: What may stand between a negated verb and the things it governs in a long clause
#: (不向求职者收取任何押金): a verb of taking, asking or checking.
_GOVERNING = re.compile(r"收|交|缴|纳|付|扣|押|要|问|询|查|检|测|做|需|须|用|让|向|对|提|设")
#: Words that start a new demand inside a clause (不收报名费但需交押金; 无需经验需交押金).
_RESTART = re.compile(
    r"但|可是|不过|然而|需|须|自理|自付|自费|另|再|先|优先|只|仅|都要|也要|都得|也得|照样|照常"
)
#: Before a restriction (男性优先, 限汉族) only a short verb may stand after the negation
#: (不设男性优先, 没有男士优先, 不只招男性) — 不限学历男性优先 is not negated.
_RESTRICTION_GAP = re.compile(
    r"(?:设|设置|存在|搞|实行|是|会|再|做|有|要求|提|附加|看|问|考虑|出现|发布|写|含有|包含|带有"
    r"|设定|规定|提出|填写|使用)*"
)
#: A match is a restriction when it limits or refuses (限/只/优先/勿扰 …); otherwise it is a
#: thing (押金, 婚育状况, 孕检) that a negation may govern from further away.
_RESTRICTIVE = re.compile(
    r"限|只|仅|优先|勿|不要|除外|谢绝|免谈|别来|录用|考虑|要求|性别|不收|不招|不能|不准|不得"
    r"|不许|不可|止步|拒|绕道|婉拒|没戏|不行|必须|需|须"
)
#: After a thing, what says it is not so: 押金全免, 婚育状况不限, 服装费公司出, 押金：无.
_NEGATED_AFTER = re.compile(
    r"(?:一律|一概|全部|完全|统一|全|都|均|为|是|也)?"
    r"(?:不限|不问|不查|不收|不做|不要求|不要交|无要求|不作要求|不作为(?:录用)?(?:条件|标准|要求)"
    r"|不影响(?:录用)?|不需要?|不用交?|不存在|免收|全免|免除?"
    r"|无|没有|0元|零元|为零|(?:家政|劳务|物业|用工|中介|培训|保安)?"
    + _PAYER
    + "|由(?!个人|员工|自己|本人|工人|求职者|学员|你|您|职工)"
    r"[\u4e00-\u9fff]{1,4}?(?:全额|全部|统一|全)?(?:承担|负责|支付|报销|买单))"
)
_ABOUT_A_PERSON = frozenset({"marriage", "ethnicity", "health", "disability", "origin"})
#: After a question about a person, what says any answer will do.
_WELCOMED_AFTER = re.compile(r"(?:都|均|也)?(?:可以?|行|欢迎|要)|(?:都|均)(?:一样|同等)")
#: Words of a notice about unlawful postings; a phrase in the same sentence is quoted, not meant.
_REPORTED = re.compile(
    r"举报|属于违规|属于违法|属于(?:就业)?歧视|就业歧视|12333|请拒绝|是骗局|都是骗子|谨防受骗|防骗"
)
_SENTENCE_END = re.compile(r"[。！!？?；;\n]")
#: List joiners skipped when measuring the distance from a negation (不收押金、服装费和培训费).
_JOINERS = frozenset("和及与或等")
_NEAR = 3
_FAR = 14


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
    """The text folded for matching (NFKC, lower case, variant characters made simplified, no
    spaces or separators), and for each character of it the index of the character it came from."""
    folded = _fold(text or "")
    return folded.text, folded.origin


@dataclass(frozen=True)
class _Folded:
    """A text folded for matching, with the clause each folded character belongs to."""

    text: str
    origin: list[int]
    clause: list[int]
    #: The folded text with a line break at every clause mark and without list numbers, for the
    #: ^…$ rules; for each of its characters the index in ``text`` (-1 for the line breaks).
    lines: str
    lines_flat: list[int]
    #: Indices in the original text of the clause ends made by a mark or a line break.
    marks: frozenset[int]


def _clause_ends(text: str) -> tuple[set[int], set[int], set[int]]:
    """Indices of the characters of ``text`` that end a clause: a line break always; a clause
    mark or spaces when they stand between two pieces of at least two characters each (so
    "男，性，优，先" and a word spaced out letter by letter stay one clause). Second, the runs of
    spaces that end a clause for the ^…$ rules: those beside a piece of two characters or more
    ("招搬运工 男的 能吃苦", but not "男 性 优 先"). Third, the clause ends made by a mark or a line
    break, which no phrase may straddle (学校统一组织体检，费用学校出 is not 体检费用)."""
    runs: list[list] = []  # each run of separators: [its first index, has a mark, has a line break]
    lengths = [0]  # the length of the piece before each run, then of the last piece
    in_run = False
    for index, char in enumerate(text):
        if char in _CLAUSE_MARKS or char.isspace():
            if not in_run:
                runs.append([index, False, False])
                lengths.append(0)
                in_run = True
            runs[-1][1] |= char in _CLAUSE_MARKS or char in "\n\r"
            runs[-1][2] |= char in "\n\r"
        elif char not in _IGNORED:
            lengths[-1] += 1
            in_run = False
    ends, spaces, marks = set(), set(), set()
    for number, (index, marked, line_break) in enumerate(runs):
        if line_break or (lengths[number] >= 2 and lengths[number + 1] >= 2):
            ends.add(index)
            if marked:
                marks.add(index)
        if max(lengths[number], lengths[number + 1]) >= 2:
            spaces.add(index)
    return ends, spaces, marks


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """One character folded for matching (the same few thousand characters come again and again)."""
    return "".join(
        piece
        for piece in unicodedata.normalize("NFKC", char).lower().translate(_VARIANTS)
        if not (piece.isspace() or piece in _IGNORED or unicodedata.category(piece) == "Cf")
    )


#: A list number at the start of a line (1. 2、 ③): not part of the clause for the ^…$ rules.
_LIST_NUMBER = re.compile(
    r"(?m)^[ \t\u3000]*(?:(?:\d{1,2}|[一二三四五六七八九十])[.、)）．:：]|[①②③④⑤⑥⑦⑧⑨⑩])"
)


def _fold(text: str) -> _Folded:
    ends, space_breaks, marks = _clause_ends(text)
    numbering = {i for m in _LIST_NUMBER.finditer(text) for i in range(m.start(), m.end())}
    folded: list[str] = []
    origin: list[int] = []
    clause: list[int] = []
    lines: list[str] = []
    lines_flat: list[int] = []

    def keep(piece: str, index: int) -> None:
        if index not in numbering:
            lines.append(piece)
            lines_flat.append(len(folded))
        folded.append(piece)
        origin.append(index)
        clause.append(number)

    number = 0
    for index, char in enumerate(text):
        if index in ends:
            number += 1
        if char in _CLAUSE_MARKS or char in "\n\r:：" or index in space_breaks:
            if lines and lines[-1] != "\n":
                lines.append("\n")
                lines_flat.append(-1)
            continue
        if (
            char == "、"
            and text[index - 1 : index].isdigit()
            and text[index + 1 : index + 2].isdigit()
        ):
            keep(char, index)  # 40、50岁 is a list of ages, not the range 40-50岁
            continue
        for piece in _fold_char(char):
            keep(piece, index)
    return _Folded("".join(folded), origin, clause, "".join(lines), lines_flat, frozenset(marks))


@dataclass(frozen=True)
class _Rule:
    category: str
    severity: str
    pattern: re.Pattern
    by_clause: bool
    #: A pattern with a wildcard distance (乙肝.{0,6}不要) may reach into the next clause
    #: (体检查乙肝，阳性的不要); a plain phrase may not straddle a clause mark.
    spans_clauses: bool


@lru_cache(maxsize=32)
def _compiled(rules: tuple[tuple[str, str, str], ...]) -> tuple[_Rule, ...]:
    """The rules compiled once per rule list (the checker runs on every save and keystroke)."""
    out = []
    for category, severity, pattern in rules:
        if category not in CATEGORIES:
            continue
        by_clause = pattern.startswith("^") or pattern.endswith("$")
        try:
            out.append(
                _Rule(
                    category,
                    severity,
                    re.compile(pattern, re.M if by_clause else 0),
                    by_clause,
                    ".{" in pattern,
                )
            )
        except re.error:
            continue
    return tuple(out)


def active_rules() -> list[tuple[str, str, str]]:
    """The rule list the county admin keeps (PostingRule); the built-in list if it is empty."""
    from jobs.models import PostingRule

    rows = list(PostingRule.objects.values_list("category", "severity", "pattern", "active"))
    if not rows:
        return list(DEFAULT_RULES)
    return [(c, s, p) for c, s, p, active in rows if active]


@dataclass(frozen=True)
class _Match:
    rule: _Rule
    start: int  # in the folded text
    end: int
    text: str


def _gap(folded: _Folded, start: int, end: int, covered: set[int]) -> str | None:
    """The folded text between two points of one clause, without other flagged phrases and
    list joiners (so 不收押金、服装费 reaches 服装费); None when a clause ends in between."""
    if start > end:
        return ""
    if start < end and folded.clause[start] != folded.clause[end - 1]:
        return None
    return "".join(
        folded.text[i]
        for i in range(start, end)
        if i not in covered and folded.text[i] not in _JOINERS
    )


def _negated_before(match: _Match, folded: _Folded, negations, covered: set[int]) -> bool:
    restrictive = match.rule.category == "sex" or _RESTRICTIVE.search(match.text)
    clause = folded.clause[match.start]
    # Negations sorted by start: look back from the match, within its clause only.
    for neg_start, neg_end, word, kind in reversed(
        negations[: bisect_left(negations, (match.start,))]
    ):
        if folded.clause[neg_start] != clause:
            return False
        neg_end = min(neg_end, match.start)  # 不要求 before 要求本地户口
        if kind != _NEGATES and match.rule.category != "money":
            continue  # the employer pays / the worker handles clients' money: about money only
        gap = _gap(folded, neg_end, match.start, covered)
        if gap is None:
            return False
        if restrictive:
            return kind == _NEGATES and bool(_RESTRICTION_GAP.fullmatch(gap))
        if _RESTART.search(gap):
            return False
        if kind == _HANDLES:
            return len(gap) <= _FAR
        # "不限" limits a kind of person; it does not waive a charge (男女不限押金200).
        if match.rule.category == "money" and (word + gap).lstrip("不无没").startswith("限"):
            return False
        return len(gap) <= _NEAR or (len(gap) <= _FAR and bool(_GOVERNING.search(gap)))
    return False


def _negated_after(match: _Match, folded: _Folded, covered: set[int]) -> bool:
    if match.rule.category == "sex" or _RESTRICTIVE.search(match.text):
        return False
    clause = folded.clause[match.start]
    tail = []
    for i in range(match.end, min(len(folded.text), match.end + 24)):
        if folded.clause[i] != clause:
            break
        if i in covered or folded.text[i] in _JOINERS:
            continue
        tail.append(folded.text[i])
    tail_text = "".join(tail)
    if _NEGATED_AFTER.match(tail_text):
        return True
    # 婚否都可以, 户籍均可 — but never 押金可以退 or 十三岁以上也可以
    return match.rule.category in _ABOUT_A_PERSON and bool(_WELCOMED_AFTER.match(tail_text))


def _reported_sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) in ``text`` of each sentence of a notice that quotes unlawful phrases in
    order to forbid them (发现限男性的招聘信息请举报; 询问婚育状况属于违规): a report word in it."""
    if not _REPORTED.search(text):
        return []
    spans, start = [], 0
    for mark in _SENTENCE_END.finditer(text):
        spans.append((start, mark.start()))
        start = mark.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if _REPORTED.search(text, a, b)]


def check_text(text: str, rules: Sequence[tuple[str, str, str]] | None = None) -> list[Finding]:
    """Every flagged phrase in ``text`` that the text does not negate, in reading order, each
    once per category (overlapping matches of one category are one finding)."""
    rules = tuple(DEFAULT_RULES if rules is None else rules)
    folded = _fold(text or "")
    matches: list[_Match] = []
    for rule in _compiled(rules):
        if rule.by_clause:
            for found in rule.pattern.finditer(folded.lines):
                start = folded.lines_flat[found.start()]
                end = folded.lines_flat[found.end() - 1] + 1
                if 0 <= start < end:
                    matches.append(_Match(rule, start, end, folded.text[start:end]))
            continue
        position = 0
        while found := rule.pattern.search(folded.text, position):
            start, end = found.start(), found.end()
            position = max(end, start + 1)
            if end <= start:
                continue
            straddled = rule.spans_clauses is False and [
                i for i in range(folded.origin[start], folded.origin[end - 1]) if i in folded.marks
            ]
            if straddled:
                # 维护公司形象，好好干 is not 形象好; 招保安，身份证押在公司 is 身份证押在公司:
                # look again from the clause after the mark.
                position = bisect_left(folded.origin, straddled[-1])
                continue
            matches.append(_Match(rule, start, end, folded.text[start:end]))
    if not matches:
        return []
    covered = {i for m in matches for i in range(m.start, m.end)}
    reported = _reported_sentences(text)
    negations = sorted(
        [(m.start(), m.end(), m.group(), _NEGATES) for m in _NEGATION.finditer(folded.text)]
        + [(m.start(), m.end(), m.group(), _PAYS) for m in _PAYER_BEFORE.finditer(folded.text)]
        + [(m.start(), m.end(), m.group(), _HANDLES) for m in _HANDLING.finditer(folded.text)]
    )
    kept: list[_Match] = []
    last: dict[str, int] = {}
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        # Matches come by start, so an overlap can only be with the category's latest finding.
        latest = last.get(match.rule.category)
        if latest is not None and kept[latest].end > match.start:
            # One phrase caught by two rules (只要男 + 要男的) is one finding: 只要男的.
            kept[latest] = replace(kept[latest], end=max(kept[latest].end, match.end))
            continue
        if reported and any(
            a <= folded.origin[match.start] < b for a, b in reported
        ):  # quoted in a notice, not meant
            continue
        # The gaps measured lie outside the match, so its own span never counts as "other".
        if _negated_before(match, folded, negations, covered) or _negated_after(
            match, folded, covered
        ):
            continue
        last[match.rule.category] = len(kept)
        kept.append(match)
    findings = []
    for match in kept:
        start, end = folded.origin[match.start], folded.origin[match.end - 1] + 1
        findings.append(Finding(match.rule.category, match.rule.severity, text[start:end]))
    return findings


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
    risk = risky_work(job)
    if risk and getattr(job, "insurance_kind", "none") == "none":
        findings.append(Finding("insurance", WARN, risk))
    return findings


_RISKY_WORDS = re.compile(RISKY_WORDS)


def risky_work(job) -> str:
    """What makes ``job`` risky work (its kind of work, or a word in its title or content), or "".

    Not the employer's industry: a building firm's warehouse job is not site work."""
    occupation = getattr(job, "occupation", None) if job.occupation_id else None
    if occupation is not None and occupation.code in RISKY_OCCUPATIONS:
        return occupation.name
    found = _RISKY_WORDS.search("\n".join(part for part in (job.title, job.content) if part))
    return found.group(0) if found else ""


def check_job(job, rules: Sequence[tuple[str, str, str]] | None = None) -> list[Finding]:
    """All findings on a job: its free text, then its terms."""
    return check_text(
        job.checked_text, rules if rules is not None else active_rules()
    ) + check_terms(job)


def blocks(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_block]


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if not f.is_block]
