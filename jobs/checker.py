"""The posting checker: flags discriminatory terms and money taken from workers (see REFERENCE.md).

Block rules keep a posting from being published as written (the reviewer may override only the
sex rule, with a recorded lawful reason); warn rules need the reviewer to record why they approve.
Text is matched after folding full-width characters and removing spaces and punctuation, so
"男 性 优 先" and "押　金" are caught; findings point back at the phrase as the user wrote it.
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

# ---- the phrase rules ----
#
# A rule names what is offending; whether the text says it is NOT so (不收押金, 不问婚育状况,
# 押金全免, 培训费由公司承担) is decided once, for every rule, by ``_negated`` below. Rules are
# built from these fragments so that one list of refusal words serves every group.

#: Words that refuse a group after naming it: 乙肝携带者【不予录用】, 女的【别来】.
_REFUSE = (
    r"(?:一律|一概|统统|全都|均|都|概)?"
    r"(?:请?勿(?:扰|来|报名?|应聘|投递|联系|打扰|来电)|莫扰|别来|免谈|谢绝|婉拒|拒收|除外|止步"
    r"|绕道|没戏|不行|不要(?!求)|不收(?![费取钱])|不招|不予?录[用取]|恕不录用|不予?考虑"
    r"|不予?聘用|不予招聘|不接受|不能(?:来|报名|应聘|录用|入职|上岗|从事)"
    r"|不得(?:报名|应聘)|不可以?(?:来|报名|应聘|录用))"
)
#: Words that refuse a group before naming it: 【不招】女性, 【谢绝】残疾人.
_EXCLUDE = (
    r"(?:不招|不要(?!求)|不收(?![费取钱])|不录[用取]?|不予录[用取]|不予?聘用|不予招聘|不接受"
    r"|谢绝|拒绝|拒收|拒招)"
)
#: Words that hire only a group: 【只招】汉族, 【仅录用】本地人.
_ONLY_HIRE = r"(?:只|仅)(?:招收?|要|收|录用?|聘用?|用|找|限于?)"
_REQUIRE = r"(?:要求|必须|需|须)是?"
_ETHNIC = (
    r"(?:汉族|汉人|少数民族|回族|藏族|维吾尔族|维族|蒙古族|蒙族|彝族|苗族|壮族|哈萨克族|满族"
    r"|土家族|侗族|瑶族|白族|傣族|黎族|朝鲜族|东乡族|撒拉族|布依族)"
)
_RELIGIOUS = r"(?:有宗教信仰|宗教信仰|信仰宗教|信宗教|信教|穆斯林|基督徒|信徒|信佛)"
_HEPATITIS = r"(?:乙肝表面抗原|乙肝|乙型肝炎|肝炎|肝病|大三阳|小三阳|澳抗|hbsag|艾滋病?|hiv)"
_DISABLED = (
    r"(?:身体有残疾|身有残疾|身体残疾|肢体残疾|残疾|残障|伤残|聋哑|盲人|肢残|(?:身体|生理)有?缺陷|残缺"
    r"|(?:四肢|肢体|身体)不健全)"
)
#: Who a sex limit names: 男性, 女士, 女孩, 男厨师, 女服务员 …
_SEX_NOUN = (
    r"(?:性|士|仕|生|工|同志|同胞|孩子?|青年|师傅|厨师|司机|老师|保安|店员|服务员|学徒|员工"
    r"|工人|技工)"
)
_HOME = r"(?:本地|本县|本市|本镇|本区|本乡|本村|本省|本小区|本社区|本街道)"
_ELSEWHERE = (
    r"(?:外地|外省|外县|外市|外乡|外村|农村|城镇|非本地|非本市|非本县|非本省|河南|河北|山东"
    r"|山西|四川|重庆|湖南|湖北|江西|安徽|贵州|云南|广西|广东|福建|甘肃|陕西|新疆|西藏|青海"
    r"|宁夏|内蒙古?|东北|黑龙江|吉林|辽宁|江苏|浙江|海南|北方|南方)"
)
_CHILD = r"(?:生育|怀孕|要孩子|生孩子|生小孩|要小孩|生二胎|生育二胎)"
#: Ages 16–79 in digits or Chinese numerals (三十五, 四十).
_AGE = r"(?:\d{2}|[二三四五六七]十[一二三四五六七八九]?|十[六七八九])"
#: The same in Chinese numerals only (四十五以下 without 岁 is still an age; 165以下 is not).
_AGE_WORDS = r"(?:[二三四五六七]十[一二三四五六七八九]?|十[六七八九])"
#: An age range that welcomes rather than limits: 35岁到60岁都可以.
_WELCOME = r"[\d岁周到至]{0,8}(?:之间)?的?人?(?:都|均|也)(?:可以?|行|要|欢迎|能)"
_NO_NUMBER_BEFORE = r"(?<![\d一二三四五六七八九十])"
#: 押金 that is not the worker's: a client's rent deposit, the water-bucket deposit a courier logs.
_NOT_THE_WORKERS = "".join(
    f"(?<!{w})"
    for w in (
        "房租",
        "租房",
        "房屋",
        "租金",
        "客户",
        "顾客",
        "客人",
        "水桶",
        "住户",
        "业主",
    )
)
_NOT_A_STUDENTS = "".join(f"(?<!{w})" for w in ("学员", "学生", "会员", "考生", "学车"))
_HOLDER = r"(?:公司|单位|厂里|厂方|老板|店里|我处|我司|财务|中介|工头|包工头|班组长|队长|领班|带班)"
_PAPERS = (
    r"(?:身[份分]证|证件|毕业证|学位证|户口本|驾驶证|驾照|资格证书?|上岗证|叉车证|电工证|焊工证"
    r"|健康证|证书)"
)

#: (category, severity, pattern) — the built-in list; a data migration copies it into PostingRule.
#: A pattern that starts with ^ or ends with $ is matched against each clause on its own.
DEFAULT_RULES: list[tuple[str, str, str]] = [
    # sex
    ("sex", BLOCK, rf"(?:仅|只)?限于?(?:男|女)(?![女男装]){_SEX_NOUN}?"),
    ("sex", BLOCK, rf"{_ONLY_HIRE}(?:妇女|男|女)(?![女男装]){_SEX_NOUN}?"),
    ("sex", BLOCK, rf"(?<![子儿孙男])(?:男|女){_SEX_NOUN}?的?优先"),
    ("sex", BLOCK, rf"(?<![子儿孙男])(?:男|女){_SEX_NOUN}?的?{_REFUSE}"),
    ("sex", BLOCK, rf"{_EXCLUDE}(?:男|女){_SEX_NOUN}?的?(?![女男装])"),
    ("sex", BLOCK, r"(?:要|招|找)(?:男|女)的"),
    ("sex", BLOCK, rf"(?:男|女){_SEX_NOUN}?的?才(?:要|招|收|录用|可以|能|行)"),
    ("sex", BLOCK, r"性别(?:要求|限|限制|为|是)?(?:男|女)(?![女男])(?!不限|均可|都)"),
    ("sex", BLOCK, r"优先(?:录用|招收?|考虑|聘用)(?:男|女)(?:性|士|生)"),
    ("sex", BLOCK, rf"{_REQUIRE}(?:男|女)(?:性|士|生|的)(?![女男])"),
    # a clause that is just 男 or 女 (要求：男，能吃苦) — but not 男：5名，女：3名
    ("sex", BLOCK, r"^(?:男|女)(?:性|士|生|的)?$(?!\n[\d一二两三四五六七八九十]+(?:名|人|个|位))"),
    # marriage / childbirth
    ("marriage", BLOCK, r"(?:仅|只)?限于?(?:未婚|已婚|单身)"),
    ("marriage", BLOCK, rf"{_ONLY_HIRE}(?:未婚|已婚|单身)"),
    (
        "marriage",
        BLOCK,
        rf"(?:未婚|已婚|单身|离异|离过婚|离婚|结了?婚|结过婚|已结婚|没结婚|未结婚|有孩子|有小孩"
        rf"|生过孩子|没生过孩子|没生过|没生育过|未生育|已生育)"
        rf"(?:未育|已育|未孕|已孕)?(?:者|人员|人士|女性|男性|女士|男士|人)?的?(?:优先|{_REFUSE})",
    ),
    ("marriage", BLOCK, rf"{_REQUIRE}(?:未婚|已婚|单身|生过孩子|已生育|生育过|有过生育)"),
    ("marriage", BLOCK, r"已婚已育|未婚未育"),
    ("marriage", BLOCK, r"(?:要|只要|限)(?:生过孩子|已生育|有孩子|有小孩)的"),
    ("marriage", BLOCK, r"^(?:未婚|已婚|单身)(?:未育|已育)?$"),
    (
        "marriage",
        BLOCK,
        r"婚育状况|婚姻状况|婚育情况|婚姻情况|婚否|婚育史|是否(?:已婚|结婚|婚育|生育|怀孕|已育)",
    ),
    ("marriage", BLOCK, r"孕检|验孕|妊娠(?:检查|检测|试验)|早孕(?:检查|检测)|怀孕检查"),
    ("marriage", BLOCK, r"(?:未怀孕|未孕|无孕|未育)证明"),
    (
        "marriage",
        BLOCK,
        rf"(?:孕妇|孕期|怀孕|哺乳期|备孕|宝妈)(?:女性|妇女|者|人员|期间)?的?{_REFUSE}",
    ),
    ("marriage", BLOCK, rf"承诺.{{0,8}}不(?:{_CHILD}|结婚)"),
    ("marriage", BLOCK, rf"(?:无|没有|暂无)(?:{_CHILD}|结婚)(?:计划|打算)"),
    ("marriage", BLOCK, rf"(?:不打算|不计划|暂不|近期不)(?:{_CHILD}|结婚)"),
    (
        "marriage",
        BLOCK,
        rf"[0-9一二两三四五六七八九十]+年内?(?:不|不能|不得|不准|不许|不可以?|禁止)(?:{_CHILD}|结婚)",
    ),
    # ethnicity / religion
    ("ethnicity", BLOCK, rf"(?:仅|只)?限于?{_ETHNIC}"),
    ("ethnicity", BLOCK, rf"(?:{_ONLY_HIRE})?{_ETHNIC}(?:人|人员|同胞)?的?(?:优先|{_REFUSE})"),
    ("ethnicity", BLOCK, rf"{_ONLY_HIRE}{_ETHNIC}"),
    ("ethnicity", BLOCK, rf"{_REQUIRE}汉族"),
    ("ethnicity", BLOCK, rf"{_RELIGIOUS}(?:者|人员|人士)?的?{_REFUSE}"),
    ("ethnicity", BLOCK, rf"{_EXCLUDE}(?:{_ETHNIC}|{_RELIGIOUS})"),
    # health
    ("health", BLOCK, rf"{_HEPATITIS}.{{0,6}}?{_REFUSE}"),
    ("health", BLOCK, r"乙肝(?:两对半|五项)|两对半检查|hbsag阴性|乙肝表面抗原(?:阴性|检查|检测)"),
    ("health", BLOCK, rf"{_EXCLUDE}有?{_HEPATITIS}"),
    # disability
    ("disability", BLOCK, rf"{_DISABLED}(?:人|人士|者|人员|朋友)?的?{_REFUSE}"),
    ("disability", BLOCK, rf"{_EXCLUDE}{_DISABLED}"),
    ("disability", BLOCK, r"(?:四肢|肢体|身体)(?:要|需|须|必须)?健全"),
    # origin
    (
        "origin",
        BLOCK,
        rf"(?:{_HOME}|城镇|城区|城市)(?:户口|户籍|人|的)才(?:要|招|收|录用|可以|能|行)",
    ),
    (
        "origin",
        BLOCK,
        rf"(?:仅|只)?限于?(?:{_HOME}|城镇|农村|城市|城区|市区|非农)+(?:户口|户籍|人|人员|居民)",
    ),
    ("origin", BLOCK, rf"{_ELSEWHERE}(?:户口|户籍|籍|人|人员|籍人员)?的?{_REFUSE}"),
    ("origin", BLOCK, r"(?:仅|只)?限[^\W\d_不限无]{1,4}籍(?!贯)"),
    ("origin", BLOCK, rf"^(?:限|要求|需)?(?:{_HOME}|城镇|城区|农村)(?:户口|户籍|人)$"),
    ("origin", BLOCK, rf"{_HOME}(?:户口|户籍|人)优先"),
    ("origin", BLOCK, rf"优先(?:录用|招收?|考虑|聘用){_HOME}(?:户口|户籍|人)"),
    (
        "origin",
        BLOCK,
        rf"{_ONLY_HIRE}(?:{_HOME}|城区|市区|城镇|城市|农村)(?:人|户口|户籍|居民|的)",
    ),
    ("origin", BLOCK, rf"{_EXCLUDE}{_ELSEWHERE}(?:户口|户籍|人|人员)"),
    ("origin", BLOCK, rf"{_REQUIRE}(?:{_HOME}|城镇|农村|城市)(?:户口|户籍|人)"),
    # money or papers taken from the worker
    ("money", BLOCK, _NOT_THE_WORKERS + r"(?:押金|压金(?!属)|保证金|风险金)"),
    ("money", BLOCK, _NOT_A_STUDENTS + r"报名费用?"),
    ("money", BLOCK, r"(?:服装|工装|工服|工衣|制服|衣服)费用?"),
    ("money", BLOCK, _NOT_A_STUDENTS + r"(?:培训费用?|学费)"),
    ("money", BLOCK, r"体检费用?"),
    (
        "money",
        BLOCK,
        r"(?:中介|介绍)[\u4e00-\u9fff]{0,2}费|(?:资料|办卡|建档|入职|上岗|拜师|入会|会员|考证|押证"
        r"|办理|办证|鉴定|考核|考试|工具)费用?|(?<!物业)(?<!停车)管理费",
    ),
    (
        "money",
        BLOCK,
        r"(?:报名|入职|上岗|面试|应聘|进厂|介绍)(?:时|前|后)?(?:要|需要?|须|得|先|需先)?(?:交|缴|给|付)"
        r"(?:\d+|[一二两三四五六七八九十百千]+)?(?:块钱?|元|钱)",
    ),
    (
        "money",
        BLOCK,
        r"(?:(?:需|须|要|先|另|得|必须|入职|上岗|报名|应聘|预|入队|进场|进厂|入厂|上工|开工|报到)"
        r"(?:交纳|缴纳|交|缴|支付|付)(?!纳)"
        r"|(?:另|还|再|额外)(?:收取?|扣))(?:\d+元?)?"
        r"(?!伙食|食宿|住宿|水电|餐|饭|房|社保|医保|保险|个税|税|交通|话|电|网|停车|燃气|物业)"
        r"[\u4e00-\u9fff]{1,4}?费",
    ),
    (
        "money",
        BLOCK,
        rf"(?:扣押|扣留|押|收走|扣下|暂扣|代为?保管)(?:员工|工人|求职者|个人|你|本人)?的?{_PAPERS}",
    ),
    (
        "money",
        BLOCK,
        r"(?:[\u4e00-\u9fff]{1,3}证书?|证件)(?:原件)?(?:需|须|要|必须|得)?"
        rf"(?:(?:押|压|扣)(?:在|给|于)?{_HOLDER}"
        rf"|(?:交由?|交给|放在|留在|上交|由)?{_HOLDER}(?:统一)?(?:保管|暂存|存放|代管|扣留))",
    ),
    (
        "money",
        BLOCK,
        r"(?:工作服|工服|工装|服装|制服|工具)(?:需|须|要|得)?(?:自费|自己|个人|员工)(?:购买|买|出钱|出)"
        r"|(?:押|扣押|压)(?:[一二两三0-9]+个?月|首月|第一个月|半个月)的?工资",
    ),
    # age
    ("age", WARN, rf"{_NO_NUMBER_BEFORE}{_AGE}周?岁(?:以下|以内|之内|之下)"),
    ("age", WARN, rf"{_NO_NUMBER_BEFORE}{_AGE_WORDS}(?:以下|以内)"),
    ("age", WARN, rf"(?:年纪|年龄)(?:大|偏大|太大|过大|超龄)的?(?:人员|者)?{_REFUSE}"),
    (
        "age",
        WARN,
        rf"{_NO_NUMBER_BEFORE}{_AGE}周?岁?(?:至|到)?{_AGE}周?岁"
        rf"(?!{_WELCOME})",  # 35岁到60岁都可以
    ),
    ("age", WARN, rf"{_NO_NUMBER_BEFORE}{_AGE}周?岁以上(?:的)?(?:人员|者)?{_REFUSE}"),
    ("age", WARN, rf"(?:超过|大于|高于|超出){_AGE}周?岁"),
    ("age", WARN, r"限(?:\d{2}|[五六七八九零〇][零〇五])后"),
    ("age", WARN, rf"(?:\d{{2}}|[五六七八九零〇][零〇五])后(?:优先|{_REFUSE})"),
    (
        "age",
        WARN,
        rf"(?:年龄|年纪)(?:要求|限|限制|在|需|须|为|是)?(?:不超过|不大于|不高于|低于|小于|{_AGE}(?!周?岁?(?:以上|及以上|起))(?!{_WELCOME}))",
    ),
    # appearance: only as a requirement, not 量身高 or 门店形象 in a task
    (
        "appearance",
        WARN,
        r"身高(?:要求|需要?|须|在|达到|不低于|不少于|不矮于|超过)?(?:\d|[一二]米|[一二]百)"
        r"|身高(?:要求|需|须|不低于|不少于|不矮于|达标|出众)",
    ),
    (
        "appearance",
        WARN,
        r"(?:相貌|长相|容貌|外貌|五官)(?:端正|端庄|好|佳|姣好|出众|甜美|清秀|帅气|漂亮|好看|大方|过得去)",
    ),
    ("appearance", WARN, r"形象(?:气质)?(?:俱佳|佳|好|端正|出众|良好|姣好)|气质(?:佳|好|出众)"),
    ("appearance", WARN, r"颜值"),
    ("appearance", WARN, r"长得(?:好看|漂亮|帅|端正|标致|俊|精神|好)"),
    (
        "appearance",
        WARN,
        r"(?:身材|体型)(?:苗条|好|匀称|高挑|标准|佳|姣好|偏瘦)|体重(?:\d|不超过|在)",
    ),
    # minors
    (
        "minor",
        WARN,
        r"(?<![\d一二三四五六七八九十])(?<!照顾)(?<!照看)(?<!看护)(?<!陪护)(?<!辅导)(?<!接送)(?<!托管)"
        r"(?:1[0-5]|[1-9]|十[一二三四五]{0,2}|[一二三四五六七八九])周?岁"
        r"(?:的[\u4e00-\u9fff]{1,3}?)?(?:以上|及以上|起|即可|就行|就可以|都可以|可以|也可以?|能干|也行)"
        r"(?!的?(?:宝宝|儿童|幼儿|小朋友|老人))(?!的(?:孩子|小孩))",
    ),
]

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
#: 无论, 免费, 未婚 … are not negations. 谨防/凡是 (a warning about charges) count as one.
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
    r"(?:承担|负责|支付|出|报销|全包|包|买单|付))"
)
_PAYER_BEFORE = re.compile(_PAYER)
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
    for neg_start, neg_end, word, payer in reversed(
        negations[: bisect_left(negations, (match.start,))]
    ):
        if folded.clause[neg_start] != clause:
            return False
        neg_end = min(neg_end, match.start)  # 不要求 before 要求本地户口
        if payer and match.rule.category != "money":
            continue
        gap = _gap(folded, neg_end, match.start, covered)
        if gap is None:
            return False
        if restrictive:
            return not payer and bool(_RESTRICTION_GAP.fullmatch(gap))
        if _RESTART.search(gap):
            return False
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
        [(m.start(), m.end(), m.group(), False) for m in _NEGATION.finditer(folded.text)]
        + [(m.start(), m.end(), m.group(), True) for m in _PAYER_BEFORE.finditer(folded.text)]
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
