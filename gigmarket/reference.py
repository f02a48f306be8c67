"""Reference vocabulary the project carries in its own tree (see shared REFERENCE.md).

Loaded by a data migration and re-synced by ``manage.py load_reference``; codes are stable
and never reused, names may be corrected.
"""

from __future__ import annotations

#: GB/T 4754-2017 sections (门类).
INDUSTRIES = [
    ("A", "农、林、牧、渔业"),
    ("B", "采矿业"),
    ("C", "制造业"),
    ("D", "电力、热力、燃气及水生产和供应业"),
    ("E", "建筑业"),
    ("F", "批发和零售业"),
    ("G", "交通运输、仓储和邮政业"),
    ("H", "住宿和餐饮业"),
    ("I", "信息传输、软件和信息技术服务业"),
    ("J", "金融业"),
    ("K", "房地产业"),
    ("L", "租赁和商务服务业"),
    ("M", "科学研究和技术服务业"),
    ("N", "水利、环境和公共设施管理业"),
    ("O", "居民服务、修理和其他服务业"),
    ("P", "教育"),
    ("Q", "卫生和社会工作"),
    ("R", "文化、体育和娱乐业"),
    ("S", "公共管理、社会保障和社会组织"),
    ("T", "国际组织"),
]

#: The 8 major groups of 职业分类大典 (2022), codes as GB/T 6565.
OCCUPATION_MAJOR_GROUPS = [
    ("1", "党的机关、国家机关、群众团体和社会组织、企事业单位负责人"),
    ("2", "专业技术人员"),
    ("3", "办事人员和有关人员"),
    ("4", "社会生产服务和生活服务人员"),
    ("5", "农、林、牧、渔业生产及辅助人员"),
    ("6", "生产制造及有关人员"),
    ("7", "军队人员"),
    ("8", "不便分类的其他从业人员"),
]

#: The portal's own list of gig-work kinds, each under one major group ("<group>-<nn>").
OCCUPATION_KINDS = [
    ("2-01", "家教"),
    ("3-01", "文员/录入员"),
    ("3-02", "仓库管理员"),
    ("4-01", "保洁员"),
    ("4-02", "家政服务员"),
    ("4-03", "育婴员"),
    ("4-04", "母婴护理员"),
    ("4-05", "养老护理员"),
    ("4-06", "医疗护理员（陪护）"),
    ("4-07", "保安员"),
    ("4-08", "快递员/配送员"),
    ("4-09", "装卸搬运工"),
    ("4-10", "厨师"),
    ("4-11", "帮厨"),
    ("4-12", "餐厅服务员"),
    ("4-13", "促销员"),
    ("4-14", "收银员"),
    ("4-15", "理货员"),
    ("4-16", "汽车驾驶员"),
    ("4-17", "家电维修工"),
    ("4-18", "绿化工"),
    ("4-19", "洗车工"),
    ("4-20", "客房服务员"),
    ("4-21", "美容美发"),
    ("4-22", "物业维修工"),
    ("5-01", "农业采摘工"),
    ("5-02", "季节性农活工"),
    ("5-03", "茶叶采摘工"),
    ("5-04", "畜禽养殖工"),
    ("5-05", "护林员"),
    ("6-01", "普工"),
    ("6-02", "瓦工（砌筑工）"),
    ("6-03", "木工"),
    ("6-04", "钢筋工"),
    ("6-05", "油漆工"),
    ("6-06", "电工"),
    ("6-07", "焊工"),
    ("6-08", "水电安装工"),
    ("6-09", "架子工"),
    ("6-10", "防水工"),
    ("6-11", "抹灰工"),
    ("6-12", "装修工"),
    ("6-13", "缝纫工"),
    ("6-14", "包装工"),
    ("6-15", "叉车司机"),
    ("6-16", "建筑杂工"),
    ("8-01", "其他零工"),
]


#: What people call each kind of work (searched by the public job search). Loading adds the words
#: missing from an occupation's aliases and keeps any an admin added in Django admin.
OCCUPATION_ALIASES = {
    "2-01": "辅导作业、课外辅导、陪读、家庭教师",
    "3-01": "打字员、录入、文员、办公室文员",
    "3-02": "仓管、库管、看仓库",
    "4-01": "保洁、打扫卫生、搞卫生、清洁工、扫地、钟点工",
    "4-02": "家政、保姆、做家务、家务、钟点工、阿姨",
    "4-03": "带孩子、带娃、育儿嫂、看孩子",
    "4-04": "月嫂、坐月子、产妇护理",
    "4-05": "护工、照顾老人、陪护老人、养老院",
    "4-06": "护工、陪护、陪床、医院陪护",
    "4-07": "保安、门卫、看门、值班、巡逻",
    "4-08": "送快递、快递、送外卖、外卖、配送、跑腿、骑手",
    "4-09": "搬运、搬家、装车、卸车、卸货、扛包、力工、装卸",
    "4-10": "炒菜、大厨、掌勺、做饭",
    "4-11": "打荷、切菜、洗碗、配菜、后厨、厨房帮工",
    "4-12": "服务员、端盘子、传菜",
    "4-13": "促销、导购、发传单、推销",
    "4-14": "收银",
    "4-15": "理货、上货、超市",
    "4-16": "司机、开车、货车司机、代驾",
    "4-17": "修家电、修空调、空调安装",
    "4-18": "绿化、种树、修剪、园林、除草",
    "4-19": "洗车",
    "4-20": "客房、酒店保洁、铺床",
    "4-21": "理发、剪头、美发、美甲",
    "4-22": "维修、修水管、物业",
    "5-01": "摘果、摘水果、采摘、摘菜、收菜",
    "5-02": "农活、插秧、收割、收庄稼、种地",
    "5-03": "采茶、摘茶、采茶工、茶园",
    "5-04": "养猪、养鸡、喂猪、养殖",
    "5-05": "护林、巡山、看山",
    "6-01": "工厂、流水线、进厂、操作工",
    "6-02": "瓦工、砌墙、泥瓦匠、泥水工、贴砖",
    "6-03": "木匠",
    "6-04": "扎钢筋、钢筋",
    "6-05": "刷墙、刷漆、油漆、腻子",
    "6-06": "接电、布线",
    "6-07": "电焊、电焊工、焊接、气焊",
    "6-08": "水电工、水电安装、装水管",
    "6-09": "搭架子、脚手架",
    "6-10": "做防水、补漏",
    "6-11": "抹灰、粉墙、批墙",
    "6-12": "装修、装潢",
    "6-13": "车工、缝纫、踩缝纫机、做衣服、制衣",
    "6-14": "包装、打包、装箱",
    "6-15": "开叉车、叉车",
    "6-16": "小工、工地、杂工、建筑小工、搬砖",
    "8-01": "打零工、临时工、零活",
}

#: Between aliases (a comma or an enumeration comma also works when typing them in).
ALIAS_SEPARATOR = "、"


def split_aliases(text: str) -> list[str]:
    """The words of an aliases field, in order, without blanks or repeats."""
    words = (text or "").replace("，", ALIAS_SEPARATOR).replace(",", ALIAS_SEPARATOR)
    return list(dict.fromkeys(w.strip() for w in words.split(ALIAS_SEPARATOR) if w.strip()))


#: The back-office roles' group names (gigmarket.roles.Role values).
ROLE_GROUPS = ["county_admin", "station_staff", "reviewer", "auditor", "partner"]


def load_reference(apps=None) -> dict[str, int]:
    """Create or update role groups, industries and occupations; idempotent. Returns counts created.

    ``apps`` is the migration state registry when called from a migration.
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Group = apps.get_model("auth", "Group")
    for role in ROLE_GROUPS:
        Group.objects.get_or_create(name=role)
    Industry = apps.get_model("gigmarket", "Industry")
    Occupation = apps.get_model("gigmarket", "Occupation")
    created = {"industries": 0, "occupations": 0}
    for code, name in INDUSTRIES:
        _, new = Industry.objects.update_or_create(code=code, defaults={"name": name})
        created["industries"] += new
    groups = {}
    for index, (code, name) in enumerate(OCCUPATION_MAJOR_GROUPS):
        groups[code], new = Occupation.objects.update_or_create(
            code=code, defaults={"name": name, "parent": None, "sort": index}
        )
        created["occupations"] += new
    has_aliases = any(f.name == "aliases" for f in Occupation._meta.get_fields())
    for index, (code, name) in enumerate(OCCUPATION_KINDS):
        kind, new = Occupation.objects.update_or_create(
            code=code,
            defaults={"name": name, "parent": groups[code.split("-")[0]], "sort": 100 + index},
        )
        created["occupations"] += new
        if has_aliases:
            words = split_aliases(kind.aliases)
            merged = words + [
                w for w in split_aliases(OCCUPATION_ALIASES.get(code, "")) if w not in words
            ]
            if merged != words:
                kind.aliases = ALIAS_SEPARATOR.join(merged)
                kind.save(update_fields=["aliases"])
    return created
