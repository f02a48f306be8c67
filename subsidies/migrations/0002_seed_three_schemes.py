"""The three schemes issue 17 names, as editable data (a county changes amounts and dates in the admin)."""

from decimal import Decimal

from django.db import migrations

SCHEMES = [
    {
        "code": "training-certificate",
        "name": "职业技能培训补贴",
        "legal_basis": "《关于加强零工市场建设 完善求职招聘服务的意见》（六）；职业技能培训补贴有关规定：参加培训并取得职业资格证书或职业技能等级证书的，按规定给予培训补贴。",
        "rule": "certificate",
        "rule_value": "",
        "amount": Decimal("1000.00"),
        "amount_rule": "按取得证书的等级和当地标准核定；此处为默认标准。",
        "documents": ["身份证复印件", "培训合格证书", "社会保障卡或银行卡复印件"],
    },
    {
        "code": "flexible-social-insurance",
        "name": "灵活就业社会保险补贴",
        "legal_basis": "《关于加强零工市场建设 完善求职招聘服务的意见》（八）；就业困难人员灵活就业后缴纳社会保险费的，按规定给予社会保险补贴。",
        "rule": "hard_to_employ",
        "rule_value": "",
        "amount": None,
        "amount_rule": "按实际缴费额的三分之二以内补贴，最长3年（按当地标准核定）。",
        "documents": ["身份证复印件", "就业困难人员认定材料", "灵活就业登记证明", "社会保险缴费凭证"],
    },
    {
        "code": "accident-insurance",
        "name": "零工意外伤害保险补贴",
        "legal_basis": "零工市场（驿站）服务规范第十条（四）：推荐办理合规意外伤害保险，并协助办理有关手续。",
        "rule": "insured_placement",
        "rule_value": "",
        "amount": Decimal("100.00"),
        "amount_rule": "按实际保费补贴，每人每年不超过本标准。",
        "documents": ["身份证复印件", "意外伤害保险保单", "保费缴纳凭证"],
    },
]


def seed(apps, schema_editor):
    Scheme = apps.get_model("subsidies", "Scheme")
    for data in SCHEMES:
        Scheme.objects.get_or_create(code=data["code"], defaults=data)


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0001_schemes_and_claims")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
