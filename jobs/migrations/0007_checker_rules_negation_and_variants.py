"""Replace the checker's built-in rules in PostingRule by the new list (negation is now decided by
the checker for every rule, so the old patterns' look-behinds go; variants and refusal words are
added). Rules the county admin added are kept; an old built-in rule is removed even if it had
been switched off (its replacement starts switched on)."""

from django.db import migrations

#: The built-in list as migration 0002 copied it.
OLD_DEFAULT_RULES = [
    ("sex", "block", "(?<!不)(?:仅|只)?限(?:男|女)(?![女男])"),
    ("sex", "block", "只(?:招|要|收|录)(?:男|女)(?![女男])"),
    ("sex", "block", "(?:男|女)(?:性|士|生|工)?优先"),
    ("sex", "block", "(?:男|女)(?:性|士|生)?勿扰"),
    ("marriage", "block", "(?<!不)限未婚"),
    ("marriage", "block", "未婚(?:未育)?优先"),
    ("marriage", "block", "已婚已育"),
    ("marriage", "block", "婚育状况"),
    ("marriage", "block", "孕检"),
    ("marriage", "block", "验孕"),
    ("marriage", "block", "承诺.{0,8}不(?:生育|生孩子|要孩子|怀孕)"),
    ("marriage", "block", "(?:[0-9一二两三四五]年)内?不(?:生育|怀孕|要孩子)"),
    ("ethnicity", "block", "(?<!不)限汉族"),
    ("ethnicity", "block", "汉族优先"),
    ("ethnicity", "block", "少数民族(?:勿扰|不要|除外)"),
    ("ethnicity", "block", "(?:信教|宗教信仰)者?(?:勿扰|不要|除外)"),
    ("health", "block", "乙肝.{0,4}(?:勿扰|不要|除外)"),
    ("health", "block", "乙肝两对半"),
    ("health", "block", "hbsag阴性"),
    ("disability", "block", "(?:残疾|残障)(?:人|人士|者)?(?:勿扰|不要|除外)"),
    ("origin", "block", "(?<!不)限(?:本地|城镇|农村|城市)户口"),
    ("origin", "block", "(?:农村|外地|城镇)户口(?:勿扰|不要|除外)"),
    ("origin", "block", "外地人?(?:勿扰|不要|除外)"),
    ("origin", "block", "(?<!不)限[\\u4e00-\\u9fff]{1,4}籍"),
    ("origin", "block", "本地户口优先"),
    ("origin", "block", "(?<!不)限本地人"),
    (
        "money",
        "block",
        "(?<!无)(?<!免)(?<!零)(?<!不)(?<!不收)(?<!不交)(?<!无需)(?<!不需)(?<!不用)(?<!没有)(?<!不收取)(?<!无需交)(?<!不需要)(?<!不用交)(?<!禁止)(?<!严禁)(?<!拒绝)(?<!谨防)(?<!不得)(?<!包)(?<!报销)押金(?!由?(?:公司|单位|雇主|老板|东家|我方|厂里|企业)(?:承担|负责|支付|出|报销|全包))",
    ),
    (
        "money",
        "block",
        "(?<!无)(?<!免)(?<!零)(?<!不)(?<!不收)(?<!不交)(?<!无需)(?<!不需)(?<!不用)(?<!没有)(?<!不收取)(?<!无需交)(?<!不需要)(?<!不用交)(?<!禁止)(?<!严禁)(?<!拒绝)(?<!谨防)(?<!不得)(?<!包)(?<!报销)报名费",
    ),
    (
        "money",
        "block",
        "(?<!无)(?<!免)(?<!零)(?<!不)(?<!不收)(?<!不交)(?<!无需)(?<!不需)(?<!不用)(?<!没有)(?<!不收取)(?<!无需交)(?<!不需要)(?<!不用交)(?<!禁止)(?<!严禁)(?<!拒绝)(?<!谨防)(?<!不得)(?<!包)(?<!报销)服装费(?!由?(?:公司|单位|雇主|老板|东家|我方|厂里|企业)(?:承担|负责|支付|出|报销|全包))",
    ),
    (
        "money",
        "block",
        "(?<!无)(?<!免)(?<!零)(?<!不)(?<!不收)(?<!不交)(?<!无需)(?<!不需)(?<!不用)(?<!没有)(?<!不收取)(?<!无需交)(?<!不需要)(?<!不用交)(?<!禁止)(?<!严禁)(?<!拒绝)(?<!谨防)(?<!不得)(?<!包)(?<!报销)工装费(?!由?(?:公司|单位|雇主|老板|东家|我方|厂里|企业)(?:承担|负责|支付|出|报销|全包))",
    ),
    (
        "money",
        "block",
        "(?<!无)(?<!免)(?<!零)(?<!不)(?<!不收)(?<!不交)(?<!无需)(?<!不需)(?<!不用)(?<!没有)(?<!不收取)(?<!无需交)(?<!不需要)(?<!不用交)(?<!禁止)(?<!严禁)(?<!拒绝)(?<!谨防)(?<!不得)(?<!包)(?<!报销)培训费(?!由?(?:公司|单位|雇主|老板|东家|我方|厂里|企业)(?:承担|负责|支付|出|报销|全包))",
    ),
    ("money", "block", "(?:扣押|押)(?:身份证|证件)"),
    ("age", "warn", "(?<!\\d)\\d{2}周?岁以下"),
    ("age", "warn", "(?<!\\d)\\d{2}(?:至|到)?\\d{2}周?岁"),
    ("age", "warn", "(?<!\\d)\\d{2}周?岁以上(?:勿扰|不要)"),
    ("age", "warn", "限\\d{2}后"),
    ("age", "warn", "\\d{2}后优先"),
    ("age", "warn", "(?:年龄|年纪)(?:要求|限|在)?\\d{2}"),
    ("appearance", "warn", "身高"),
    ("appearance", "warn", "相貌"),
    ("appearance", "warn", "长相"),
    ("appearance", "warn", "形象(?:气质)?(?:佳|好)"),
    ("appearance", "warn", "五官端正"),
    ("appearance", "warn", "颜值"),
    ("minor", "warn", "(?<!\\d)(?:1[0-5]|[1-9])周?岁(?:以上|及以上|起|即可)"),
]


def replace_rules(apps, schema_editor, old, new):
    PostingRule = apps.get_model("jobs", "PostingRule")
    keep = {(category, pattern) for category, _, pattern in new}
    for category, _, pattern in old:
        if (category, pattern) not in keep:
            PostingRule.objects.filter(category=category, pattern=pattern).delete()
    for category, severity, pattern in new:
        PostingRule.objects.get_or_create(
            category=category, pattern=pattern, defaults={"severity": severity}
        )


def forwards(apps, schema_editor):
    from jobs.checker import DEFAULT_RULES

    replace_rules(apps, schema_editor, OLD_DEFAULT_RULES, DEFAULT_RULES)


def backwards(apps, schema_editor):
    from jobs.checker import DEFAULT_RULES

    replace_rules(apps, schema_editor, DEFAULT_RULES, OLD_DEFAULT_RULES)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0006_employer_log")]

    operations = [migrations.RunPython(forwards, backwards)]
