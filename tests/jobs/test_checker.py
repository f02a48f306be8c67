"""The posting checker: every rule class, evasions with spaces and full-width characters, and
the phrases people use to say a charge is NOT made."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobs.checker import BLOCK, DEFAULT_RULES, WARN, check_text, normalize

BLOCKED = {
    "sex": ["限男性", "仅限男性", "只招男", "男性优先", "男士优先", "女士勿扰", "限女性"],
    "marriage": ["限未婚", "已婚已育优先", "婚育状况", "需孕检", "入职验孕", "承诺三年内不生育"],
    "ethnicity": ["限汉族", "少数民族勿扰", "信教者勿扰"],
    "health": ["乙肝勿扰", "乙肝两对半", "HBsAg阴性"],
    "disability": ["残疾人勿扰"],
    "origin": ["限本地户口", "限城镇户口", "农村户口勿扰", "外地人勿扰", "限四川籍"],
    "money": ["押金200元", "报名费50", "服装费自理", "培训费300元", "扣押身份证"],
}
WARNED = {
    "age": ["35岁以下", "18-35岁", "35岁以上勿扰", "限90后"],
    "appearance": ["身高160以上", "相貌端正", "形象气质佳"],
    "minor": ["15岁以上即可"],
}
CLEAN = [
    "男女不限",
    "不限男女，年龄不限",
    "无押金，不收任何费用",
    "免培训费",
    "不收押金",
    "培训费由公司承担",
    "包吃住，日结工资",
    "不限户籍",
    "欢迎残疾人朋友报名",
    "年满16周岁",
    "工作认真负责",
]


def _cases(table):
    return [(category, phrase) for category, phrases in table.items() for phrase in phrases]


@pytest.mark.parametrize(("category", "phrase"), _cases(BLOCKED))
def test_block_rules_flag_each_listed_phrase(category, phrase):
    findings = check_text(f"招聘搬运工，{phrase}，日结。")
    assert any(f.category == category and f.severity == BLOCK for f in findings), findings


@pytest.mark.parametrize(("category", "phrase"), _cases(WARNED))
def test_warn_rules_flag_each_listed_phrase(category, phrase):
    findings = check_text(f"招聘保洁，{phrase}。")
    assert any(f.category == category and f.severity == WARN for f in findings), findings


@pytest.mark.parametrize("text", CLEAN)
def test_lawful_wording_is_not_flagged(text):
    assert check_text(text) == []


def test_the_done_when_posting_names_each_problem_with_its_phrase():
    findings = check_text("男性优先, 35岁以下, 押金200元")
    assert [(f.category, f.severity, f.phrase) for f in findings] == [
        ("sex", BLOCK, "男性优先"),
        ("age", WARN, "35岁以下"),
        ("money", BLOCK, "押金"),
    ]
    assert all(f.law for f in findings)


def _spread(phrase: str, gaps: list[str]) -> str:
    """Insert separators between the characters of a phrase."""
    out = []
    for index, char in enumerate(phrase):
        out.append(char)
        if index < len(phrase) - 1:
            out.append(gaps[index % len(gaps)])
    return "".join(out)


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


SEPARATORS = st.lists(
    st.sampled_from([" ", "\u3000", "\u200b", "·", "*", "-", "_", "", "  "]), min_size=1, max_size=4
)


@given(phrase=st.sampled_from([p for _, p in _cases(BLOCKED)]), gaps=SEPARATORS)
def test_spaces_and_separators_do_not_hide_a_blocked_phrase(phrase, gaps):
    findings = check_text(_spread(phrase, gaps))
    assert any(f.severity == BLOCK for f in findings)


@given(phrase=st.sampled_from([p for _, p in _cases(BLOCKED)]))
def test_full_width_letters_and_digits_do_not_hide_a_blocked_phrase(phrase):
    assert any(f.severity == BLOCK for f in check_text(_fullwidth(phrase)))


@given(
    phrase=st.sampled_from([p for _, p in _cases(BLOCKED)]),
    gaps=SEPARATORS,
    before=st.text(alphabet="招聘工人日结包吃住 ，。", max_size=10),
)
def test_the_flagged_phrase_points_at_what_the_user_wrote(phrase, gaps, before):
    text = before + _spread(phrase, gaps)
    for finding in check_text(text):
        assert finding.phrase in text
        assert normalize(finding.phrase)[0] in normalize(text)[0]


@given(
    st.text(
        alphabet="的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你",
        max_size=60,
    )
)
def test_ordinary_text_is_never_blocked(text):
    assert not [f for f in check_text(text) if f.severity == BLOCK and f.category != "sex"]


def test_normalize_folds_full_width_and_maps_back():
    folded, origin = normalize("Ｈ Ｂ")
    assert folded == "hb"
    assert origin == [0, 2]
    assert unicodedata.normalize("NFKC", "押　金").replace(" ", "") == "押金"


def test_every_default_rule_compiles_and_names_a_known_category():
    import re

    from jobs.checker import CATEGORIES

    for category, severity, pattern in DEFAULT_RULES:
        assert category in CATEGORIES and severity in (BLOCK, WARN)
        re.compile(pattern)
