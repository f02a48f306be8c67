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


# ---- negation scope: a negation covers its clause, for every rule ----


def _verdict(text: str) -> str:
    findings = check_text(text)
    if any(f.severity == BLOCK for f in findings):
        return "block"
    return "warn" if findings else "clean"


def _categories(text: str) -> set[str]:
    return {f.category for f in check_text(text) if f.severity == BLOCK}


@pytest.mark.parametrize(
    ("negated", "plain"),
    [
        ("本公司不向求职者收取任何押金", "本公司向求职者收取押金200元"),
        ("公司不会以任何理由向员工收取押金", "公司以各种理由向员工收取押金"),
        ("绝不收取报名费", "现场收取报名费"),
        ("不用向公司交服装费", "需向公司交服装费"),
    ],
)
def test_a_negation_reaches_its_term_across_a_few_words(negated, plain):
    assert check_text(negated) == []
    assert _categories(plain) == {"money"}


def test_a_negation_covers_every_item_of_a_list():
    assert check_text("不收押金、报名费、服装费和培训费") == []
    assert check_text("不收取押金或保证金，不扣押身份证及毕业证") == []
    assert check_text("严禁向员工收取押金或扣押证件") == []


@pytest.mark.parametrize(
    ("category", "negated"),
    [
        ("money", "公司不会扣押员工身份证"),
        ("money", "不要押身份证"),
        ("marriage", "面试不询问婚育状况"),
        ("marriage", "从不要求孕检，入职不验孕"),
        ("marriage", "不要求已婚已育"),
        ("sex", "本岗位不设男性优先"),
        ("sex", "没有男士优先，男女同工同酬"),
        ("sex", "不只招男性"),
        ("ethnicity", "不限汉族少数民族"),
        ("sex", "招聘信息中不得出现限男性、限女性等内容"),
        ("marriage", "不论婚否"),
        ("marriage", "婚否都可以"),
        ("marriage", "婚育状况不作为录用条件"),
        ("money", "体检费家政公司出"),
        ("money", "办证费站里报销"),
        ("money", "求职时如被要求交押金、交培训费、押身份证，请拒绝并举报"),
        ("health", "入职体检不查乙肝两对半"),
        ("health", "无需乙肝五项检查"),
        ("origin", "不要求本地户口"),
        ("origin", "不限本地户口"),
        ("origin", "不限户口，不限籍贯"),
        ("age", "不要求35岁以下"),
        ("appearance", "不要求身高160以上"),
    ],
)
def test_any_negated_verb_negates_any_rule(category, negated):
    assert category not in {f.category for f in check_text(negated)}


@pytest.mark.parametrize(
    "text",
    [
        "押金全免",
        "押金：无，报名费：无",
        "婚育状况不限",
        "培训费由公司承担",
        "服装费公司出",
        "体检费公司报销",
        "入职体检费用全部由厂里承担",
        "考证费用公司全额承担",
        "健康证办理费用由食堂承担",
    ],
)
def test_a_negation_after_the_term_counts(text):
    assert check_text(text) == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("不限学历，男性优先", "sex"),  # the clause ended
        ("不限学历男性优先", "sex"),  # 不限 governs 学历, not the preference after it
        ("不怕脏不怕累男性优先", "sex"),  # 不怕 is not a negation
        ("无需经验需交押金200元", "money"),  # a new demand inside the clause
        ("不收报名费但需交押金", "money"),
        ("男女不限押金200元", "money"),  # 不限 limits people; it never waives a charge
        ("无纺布厂招工押金200元", "money"),
        ("免费培训上岗交押金200元", "money"),
        ("包吃包住押金500元", "money"),
        ("无论什么情况都要交押金", "money"),
        ("押金200元，可以退", "money"),
        ("网约车司机需交车辆押金2万元", "money"),
        ("招收银员，负责收银押金500元", "money"),
        ("租车行招前台，员工入职交押金500元", "money"),
        ("押金200元离职退还", "money"),
    ],
)
def test_a_negation_stops_at_its_clause_and_at_a_new_demand(text, category):
    assert category in _categories(text), check_text(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("不招女性", "sex"),
        ("不要女的", "sex"),
        ("不要乙肝携带者", "health"),
        ("拒绝残疾人", "disability"),
        ("不收外地人员", "origin"),
        ("不要少数民族", "ethnicity"),
        ("不限学历不招女性", "sex"),
    ],
)
def test_refusing_a_group_is_a_limit_not_a_negation(text, category):
    assert category in _categories(text)


# ---- wording variants ----

VARIANTS = {
    "variant characters": [
        ("sex", "男仕优先"),
        ("sex", "僅限女性"),
        ("origin", "東北人勿扰"),
        ("origin", "限本地戶口"),
        ("ethnicity", "只招漢族"),
        ("money", "入职交压金300元"),
        ("money", "身分證押在公司"),
        ("money", "上班前交150元工衣费"),
        ("money", "拜师费2000元"),
        ("money", "先交199元入会费"),
        ("money", "先交考证费1500元"),
    ],
    "colloquial": [
        ("sex", "要女的，会做饭"),
        ("sex", "女的别来"),
        ("sex", "只要男的"),
        ("sex", "保安岗位，男性，身体健康"),
        ("sex", "性别：女"),
        ("sex", "\n1. 男，能扛重物\n2. 管午饭"),
        ("health", "有乙肝的不能来"),
        ("disability", "身体有残疾的不要"),
        ("origin", "外省人不要"),
        ("origin", "只要本县人"),
        ("origin", "只招城区户口"),
        ("origin", "外地人一律不要"),
        ("origin", "只收本地的"),
        ("disability", "四肢不健全者勿扰"),
        ("sex", "男厨师优先"),
        ("sex", "只招妇女"),
        ("sex", "要求：男，能吃苦"),
        ("sex", "招搬运工 男的 能吃苦 日结"),
        ("marriage", "结了婚的不要"),
        ("marriage", "入职签承诺书一年内不结婚"),
        ("disability", "身体有缺陷者勿扰"),
        ("money", "收取保姆中介服务费800元"),
        ("money", "学徒期交学费3000元"),
        ("money", "报名要交50块钱"),
        ("money", "叉车证押在公司"),
        ("money", "工作服自费购买，每套120元"),
        ("money", "阿姨身份证原件公司保管"),
        ("money", "入队交100元队费"),
        ("money", "先交150元工服钱"),
        ("money", "身份证押在站里"),
        ("health", "乙肝携带者不能上户"),
        ("origin", "只接本地师傅，外地师傅勿扰"),
        ("origin", "招网格员：本社区居民。"),
        ("origin", "只要城南本地人"),
        ("sex", "只要大姐"),
        ("ethnicity", "社区食堂招帮厨：汉族。"),
        ("health", "入职查乙肝"),
        ("money", "身份证交给主管保管"),
        ("sex", "女陪护优先"),
        ("sex", "招普工：女工，流水线"),
        ("health", "乙肝阳性的不能做"),
        ("disability", "瘸子不要"),
        ("origin", "要本地户口"),
        ("marriage", "要求生过孩子"),
        ("marriage", "育儿嫂要生过孩子的，没生过的不要"),
        ("origin", "招聘夜班保安，本地户口。"),
        ("money", "入职押一个月工资"),
        ("origin", "本县户口才要"),
        ("marriage", "离过婚的不要"),
        ("disability", "四肢要健全"),
        ("money", "招保安，身份证押在公司，离职归还"),
        ("money", "身份证由工头统一保管"),
        ("money", "保洁工具自己买，另收管理费100元"),
        ("money", "上岗证办理费500元由个人承担"),
        ("health", "乙肝表面抗原阳性者不得应聘"),
        ("health", "体检查乙肝，阳性的不要"),
        ("origin", "只要本小区的住户"),
        ("marriage", "招文员，未婚，有经验"),
        ("origin", "农村户口的不要"),
        ("origin", "限本县城镇户口"),
        ("disability", "身体残疾的请勿报名"),
        ("money", "身份证押公司"),
    ],
    "marital status": [
        ("marriage", "婚否：未婚"),
        ("marriage", "婚姻状况：已婚"),
        ("marriage", "要求单身"),
        ("marriage", "已婚优先"),
        ("marriage", "只招已婚人员"),
        ("marriage", "未婚女性优先考虑"),
    ],
    "health refusals": [
        ("health", "乙肝携带者不予录用"),
        ("health", "乙肝病毒携带者谢绝应聘"),
        ("health", "澳抗阳性者恕不录用"),
        ("health", "大三阳免谈"),
        ("health", "艾滋病病毒携带者不予考虑"),
        ("health", "有肝炎病史者勿扰"),
    ],
    "only hiring an ethnicity": [
        ("ethnicity", "只招汉族"),
        ("ethnicity", "仅录用汉族人"),
        ("ethnicity", "只要汉族的"),
        ("ethnicity", "要求是汉族"),
        ("ethnicity", "有宗教信仰者不要"),
    ],
    "pregnancy": [
        ("marriage", "入职需提供未怀孕证明"),
        ("marriage", "孕妇勿扰"),
        ("marriage", "一年内不准怀孕"),
        ("marriage", "哺乳期女性不予录用"),
        ("marriage", "入职做妊娠检查"),
        ("marriage", "已婚已孕者勿扰"),
        ("marriage", "需近期无生育计划"),
    ],
}


@pytest.mark.parametrize(
    ("family", "category", "phrase"),
    [(family, c, p) for family, cases in VARIANTS.items() for c, p in cases],
)
def test_each_variant_family_is_blocked_under_its_rule(family, category, phrase):
    assert category in _categories(f"招聘工人，{phrase}，日结。")


@pytest.mark.parametrize(
    ("category", "phrase"),
    [
        ("age", "年龄三十五岁以下"),
        ("age", "年龄不超过四十"),
        ("age", "五十五周岁以下"),
        ("age", "二十至三十五周岁"),
        ("age", "限八零后、九零后"),
        ("age", "超过45岁的不要"),
        ("age", "超过50岁不要"),
        ("age", "招服务员，30以下。"),
        ("age", "四十五以下"),
        ("age", "18-35岁，男女都可以"),
        ("age", "年纪大的不要"),
        ("minor", "十五岁以上就可以"),
        ("minor", "12周岁以上"),
        ("minor", "十三四岁以上就行"),
        ("minor", "十二岁以上小孩也可以"),
        ("minor", "十四五岁的学生娃也可以来"),
    ],
)
def test_ages_in_chinese_numerals_warn_like_digits(category, phrase):
    findings = check_text(f"招帮工，{phrase}。")
    assert category in {f.category for f in findings if f.severity == WARN}
    assert _verdict(f"招帮工，{phrase}。") == "warn"


@pytest.mark.parametrize(
    "text",
    [
        "欢迎40、50岁的大姐应聘",
        "60岁以上身体健康者均可",
        "照顾3岁以上的孩子",
        "照顾6岁以上的小学生",
        "照看3岁以上儿童玩耍",
        "年龄35岁到60岁都可以",
        "年龄18周岁以上",
        "货架高度165以下",
        "需要：2男3女",
    ],
)
def test_ages_that_are_not_limits_do_not_warn(text):
    assert check_text(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "社区健康小屋协理员，帮助老人测量血压、身高和体重",
        "按身高尺码分类陈列童装",
        "负责门店形象陈列和橱窗布置",
        "维护公司形象，好好干活",
        "不看长相不看身高，肯干就行",
    ],
)
def test_appearance_words_in_a_task_do_not_warn(text):
    assert check_text(text) == []


@pytest.mark.parametrize(
    "phrase",
    ["身高165以上", "形象气质佳", "长相甜美", "身材苗条", "颜值高", "长得好看的优先", "长得清秀"],
)
def test_appearance_as_a_requirement_warns(phrase):
    assert {f.category for f in check_text(f"招前台，{phrase}。")} == {"appearance"}


@pytest.mark.parametrize(
    "text",
    [
        "房屋中介招带看员，协助客户办理租房押金退还",
        "驾校招教练，学员报名费由驾校统一收取",
        "招聘押运员，随银行押钞车押运",
        "冲压工，冲压金属零件",
        "女装店招导购员",
        "男士理发店招洗头工",
        "婚庆公司招布置工",
        "孕婴店导购，介绍孕妇用品",
        "残疾人之家招护理员",
        "退役军人子女优先",
        "需缴纳社保费用个人部分",
        "住宿费自理",
        "帮老人缴纳水电费",
        "招工人：男：5名，女：3名",
        "学校统一组织体检，费用学校出",
        "负责收取物业管理费",
        "招 男 女 工",
        "男女工优先安排宿舍",
        "女装店有经验者优先",
        "报名不要钱",
        "驾校招教练，学员学费由驾校收取",
        "驾培中心招前台，负责报名登记和收取学费",
        "租车行招前台，负责收取顾客的押金并登记车辆",
        "物业公司招收费员，负责收取物业费、停车费和装修押金",
        "共享充电宝代理招地推，帮商家登记设备押金",
        "服装费店里负担",
        "入职体检不含乙肝项目",
    ],
)
def test_sensitive_words_mentioned_innocently_are_not_flagged(text):
    assert check_text(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "驿站公告：发现限男性、限女性的招聘信息请举报。",
        "招聘中询问婚育状况属于违规，请举报。",
        "要求乙肝两对半检测属于就业歧视。",
    ],
)
def test_a_notice_quoting_unlawful_phrases_is_not_flagged(text):
    assert check_text(text) == []


def test_a_report_word_in_another_sentence_does_not_clear_a_posting():
    assert _categories("入职交押金200元。如遇拖欠工资请举报。") == {"money"}


def test_one_phrase_matched_by_two_rules_is_one_finding():
    assert [f.phrase for f in check_text("只要男的")] == ["只要男的"]


def test_the_rules_are_compiled_once_not_on_every_check(monkeypatch):
    import re

    check_text("押金200元", list(DEFAULT_RULES))
    calls = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert check_text("押金200元，男性优先", list(DEFAULT_RULES))
    assert calls == []


def test_every_default_pattern_fits_the_rule_table():
    from jobs.models import PostingRule

    limit = PostingRule._meta.get_field("pattern").max_length
    assert all(len(pattern) <= limit for _, _, pattern in DEFAULT_RULES)


@pytest.mark.django_db
def test_after_migrating_the_database_holds_the_built_in_rules():
    from jobs.checker import active_rules

    assert sorted(active_rules()) == sorted(DEFAULT_RULES)


@pytest.mark.django_db
def test_the_rule_migration_replaces_old_built_in_rules_and_keeps_the_admins():
    import importlib

    from django.apps import apps

    from jobs.models import PostingRule

    migration = importlib.import_module("jobs.migrations.0007_checker_rules_negation_and_variants")
    PostingRule.objects.all().delete()
    for category, severity, pattern in migration.OLD_DEFAULT_RULES:
        PostingRule.objects.create(category=category, severity=severity, pattern=pattern)
    PostingRule.objects.filter(pattern="相貌").update(active=False)
    PostingRule.objects.create(category="money", severity=BLOCK, pattern="保证金")
    migration.forwards(apps, None)
    rows = set(PostingRule.objects.values_list("category", "severity", "pattern", "active"))
    assert rows == {(c, s, p, True) for c, s, p in DEFAULT_RULES} | {
        ("money", BLOCK, "保证金", True)
    }


@pytest.mark.django_db
def test_the_resync_migration_replaces_rules_of_earlier_versions_and_keeps_the_admins():
    import importlib

    from django.apps import apps

    from jobs.models import PostingRule

    migration = importlib.import_module("jobs.migrations.0008_checker_rules_resync")
    PostingRule.objects.all().delete()
    for category, severity, pattern in migration.EARLIER_RULES:
        PostingRule.objects.create(category=category, severity=severity, pattern=pattern)
    PostingRule.objects.create(category="money", severity=BLOCK, pattern="保证金")
    migration.forwards(apps, None)
    rows = set(PostingRule.objects.values_list("category", "severity", "pattern", "active"))
    assert rows == {(c, s, p, True) for c, s, p in DEFAULT_RULES} | {
        ("money", BLOCK, "保证金", True)
    }
