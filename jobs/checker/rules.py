"""The posting checker's built-in phrase rules (DEFAULT_RULES) and the fragments they are built
from. A rule names only what offends; whether the text negates it is decided by the checker for
every rule (jobs/checker/__init__.py). A data migration copies this list into PostingRule, where
the county admin adds and switches rules."""

BLOCK = "block"
WARN = "warn"

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
    r"|不予?聘用|不予招聘|不接受|不能(?:来|报名|应聘|录用|入职|上岗|上户|上班|接单|从事|做|干)"
    r"|不得(?:报名|应聘)|不可以?(?:来|报名|应聘|录用))"
)
#: Words that refuse a group before naming it: 【不招】女性, 【谢绝】残疾人.
_EXCLUDE = (
    r"(?:不招|不要(?!求)|不收(?![费取钱])|不录[用取]?|不予录[用取]|不予?聘用|不予招聘|不接受"
    r"|谢绝|拒绝|拒收|拒招)"
)
#: Words that hire only a group: 【只招】汉族, 【仅录用】本地人.
_ONLY_HIRE = r"(?:只|仅)(?:招收?|要|收|录用?|聘用?|用|找|接|限于?)"
#: Who an origin limit names: 外地【师傅】勿扰, 只要本地【阿姨】.
_WORKER_NOUN = r"(?:户口|户籍|籍人员|籍|人员|人|居民|师傅|工人|阿姨|大姐|老乡|朋友|员工)"
_REQUIRE = r"(?:要求|必须|需要?|须|要)是?"
_ETHNIC = (
    r"(?:汉族|汉人|少数民族|回族|藏族|维吾尔族|维族|蒙古族|蒙族|彝族|苗族|壮族|哈萨克族|满族"
    r"|土家族|侗族|瑶族|白族|傣族|黎族|朝鲜族|东乡族|撒拉族|布依族)"
)
_RELIGIOUS = r"(?:有宗教信仰|宗教信仰|信仰宗教|信宗教|信教|穆斯林|基督徒|信徒|信佛)"
_HEPATITIS = r"(?:乙肝表面抗原|乙肝|乙型肝炎|肝炎|肝病|大三阳|小三阳|澳抗|hbsag|艾滋病?|hiv)"
_DISABLED = (
    r"(?:身体有残疾|身有残疾|身体残疾|肢体残疾|残疾|残障|伤残|聋哑|盲人|肢残|(?:身体|生理)有?缺陷|残缺"
    r"|(?:四肢|肢体|身体)不健全|瘸子|瘸腿|跛子|跛脚|哑巴|聋子|瞎子|独眼)"
)
#: Who a sex limit names: 男性, 女士, 女孩, 男厨师, 女服务员 …
#: Words for a person that name a sex: 大姐, 阿姨, 小伙子 …
_SEX_PERSON = (
    r"(?:大姐|阿姨|大妈|大嫂|姑娘|小姑娘|女孩子?|小妹|大哥|大叔|小伙子?|男孩子?|小哥|男劳力|壮劳力)"
)
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
_HOLDER = (
    r"(?:公司|单位|厂里|厂方|老板|店里|我处|我司|财务|中介|工头|包工头|班组长|队长|领班|带班"
    r"|主管|经理|领导|班长|组长|负责人|站里|场里|队里|院里)"
)
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
    ("sex", BLOCK, rf"{_ONLY_HIRE}{_SEX_PERSON}"),
    ("sex", BLOCK, rf"(?<![子儿孙男])(?:男|女){_SEX_NOUN}?的?优先"),
    # 女陪护优先: any short word for the worker, as long as it does not say "or the other sex"
    (
        "sex",
        BLOCK,
        r"(?<![子儿孙男])(?:男|女)(?!装|子健身)[^\W\d_不限均都可或和与及男女、]{1,3}?的?优先",
    ),
    ("sex", BLOCK, rf"(?<![子儿孙男])(?:男|女){_SEX_NOUN}?的?{_REFUSE}"),
    ("sex", BLOCK, rf"{_EXCLUDE}(?:男|女){_SEX_NOUN}?的?(?![女男装])"),
    ("sex", BLOCK, r"(?:要|招|找)(?:男|女)的"),
    ("sex", BLOCK, rf"(?:男|女){_SEX_NOUN}?的?才(?:要|招|收|录用|可以|能|行)"),
    ("sex", BLOCK, r"性别(?:要求|限|限制|为|是)?(?:男|女)(?![女男])(?!不限|均可|都)"),
    ("sex", BLOCK, r"优先(?:录用|招收?|考虑|聘用)(?:男|女)(?:性|士|生)"),
    ("sex", BLOCK, rf"{_REQUIRE}(?:男|女)(?:性|士|生|的)(?![女男])"),
    # a clause that is just 男 or 女 (要求：男，能吃苦) — but not 男：5名，女：3名
    (
        "sex",
        BLOCK,
        r"^(?:男|女)(?:性|士|生|的|工)?$(?!\n[\d一二两三四五六七八九十]+(?:名|人|个|位))",
    ),
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
    ("ethnicity", BLOCK, rf"^(?:限|要求|需)?{_ETHNIC}人?$"),
    ("ethnicity", BLOCK, rf"{_RELIGIOUS}(?:者|人员|人士)?的?{_REFUSE}"),
    ("ethnicity", BLOCK, rf"{_EXCLUDE}(?:{_ETHNIC}|{_RELIGIOUS})"),
    # health
    ("health", BLOCK, rf"{_HEPATITIS}.{{0,6}}?{_REFUSE}"),
    ("health", BLOCK, r"乙肝(?:两对半|五项)|两对半检查|hbsag阴性|乙肝表面抗原(?:阴性|检查|检测)"),
    ("health", BLOCK, rf"{_EXCLUDE}有?{_HEPATITIS}"),
    ("health", BLOCK, r"(?:查|检查|检测|筛查|化验)(?:乙肝|hbsag|乙型肝炎|澳抗|艾滋病?|hiv)"),
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
    ("origin", BLOCK, rf"{_ELSEWHERE}{_WORKER_NOUN}?的?{_REFUSE}"),
    ("origin", BLOCK, r"(?:仅|只)?限[^\W\d_不限无]{1,4}籍(?!贯)"),
    ("origin", BLOCK, rf"^(?:限|要求|需)?(?:{_HOME}|城镇|城区|农村)(?:户口|户籍|人|居民|人员)$"),
    ("origin", BLOCK, rf"{_HOME}(?:户口|户籍|人)优先"),
    ("origin", BLOCK, rf"优先(?:录用|招收?|考虑|聘用){_HOME}(?:户口|户籍|人)"),
    (
        "origin",
        BLOCK,
        rf"{_ONLY_HIRE}(?:{_HOME}|城区|市区|城镇|城市|农村)(?:{_WORKER_NOUN}|的)",
    ),
    ("origin", BLOCK, rf"{_ONLY_HIRE}[^\W\d_]{{1,3}}?本地(?:人|户口|户籍|的)"),
    ("origin", BLOCK, rf"{_EXCLUDE}{_ELSEWHERE}(?:户口|户籍|人|人员)"),
    ("origin", BLOCK, rf"{_REQUIRE}(?:{_HOME}|城镇|农村|城市)(?:户口|户籍|人)"),
    # money or papers taken from the worker
    ("money", BLOCK, _NOT_THE_WORKERS + r"(?:押金|压金(?!属)|保证金|风险金)"),
    ("money", BLOCK, _NOT_A_STUDENTS + r"报名费用?"),
    ("money", BLOCK, r"(?:服装|工装|工服|工衣|制服|衣服)费用?"),
    ("money", BLOCK, _NOT_A_STUDENTS + r"(?:培训费用?|(?<!收取)(?<!收)学费)"),
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
        r"[\u4e00-\u9fff]{1,4}?(?:费|钱)",
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
    ("age", WARN, rf"^(?:年龄|年纪|限)?{_AGE}(?:以下|以内)$"),  # a clause that is just 30以下
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
    ("appearance", WARN, r"长得(?:好看|漂亮|帅|端正|标致|俊|精神|好|清秀|甜美|可爱|端庄|秀气)"),
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

# ---- a structured rule: risky work posted with no insurance ----
#
# Construction, work at heights and electrical work are where gig workers get hurt; a job of that
# kind that states no insurance is flagged for the reviewer (warn, not block: the station then
# recommends accident cover to whoever is placed, see docs/guidance.md). The kinds of work are
# occupation codes of gigmarket/reference.py; the words catch risky work filed under another kind.

#: Kinds of work that are construction, heights or electrical (瓦工 … 装修工, 建筑杂工).
RISKY_OCCUPATIONS = frozenset(
    {"6-02", "6-03", "6-04", "6-05", "6-06", "6-07", "6-08", "6-09", "6-10", "6-11", "6-12", "6-16"}
)
#: Words in a posting that name risky work.
RISKY_WORDS = (
    r"高空|高处|登高|脚手架|吊篮|外墙|蜘蛛人|屋顶|楼顶|塔吊|电工|带电|配电|电焊|焊接|拆除|施工|工地"
    r"|建筑"
)
