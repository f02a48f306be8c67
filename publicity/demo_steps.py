"""Demo data of the publicity app: a subsidy explainer, a policy, service guides and notices for
the demo county (one per "what can I get" group), and two window consultations about the explainer."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from gigmarket import demo

DEMO_COUNTY = "520999"

SUBSIDY_TITLE = "灵活就业人员社会保险补贴怎么领"

ARTICLES = (
    {
        "kind": "subsidy",
        "title": SUBSIDY_TITLE,
        "summary": "打零工、没有单位交社保的大龄和就业困难人员，自己交了养老、医疗保险，可以到驿站申请补回一部分。",
        "body": (
            "## 谁能领\n\n"
            "- 登记了失业、以灵活方式就业的就业困难人员（含大龄人员）\n"
            "- 已经按灵活就业人员身份缴纳了基本养老保险、基本医疗保险\n\n"
            "## 能领多少\n\n"
            "按当地标准补贴已缴社保费的一部分，最长一般不超过 3 年，具体金额以人社部门审核为准。\n\n"
            "## 怎么办\n\n"
            "1. 带上身份证、社保缴费凭证，到任一零工驿站或县就业服务中心窗口；\n"
            "2. 工作人员帮您核对身份、填写申请表；\n"
            "3. 审核通过后，补贴打到您本人的社保卡银行账户。\n\n"
            "**所有服务都免费，没有任何人可以收“代办费”。**"
        ),
        "source_office": "示范县人力资源和社会保障局",
        "document_number": "示人社发〔2026〕12号",
        "for_older": True,
        "for_hard_to_employ": True,
    },
    {
        "kind": "policy",
        "title": "易地扶贫搬迁群众就业帮扶措施",
        "summary": "搬到安置点的家庭，每户至少有一人能通过驿站找到活干，外出务工还可以申请交通补助。",
        "body": (
            "安置点附近的零工驿站优先为搬迁群众登记、推荐岗位，组织“送岗上门”。\n\n"
            "- 有劳动能力、有就业意愿的搬迁家庭，至少一人就业\n"
            "- 跨省外出务工的，可按规定申请一次性交通补助\n"
            "- 参加职业技能培训的，按规定享受培训补贴和生活费补贴"
        ),
        "source_office": "示范县人力资源和社会保障局",
        "document_number": "示人社发〔2026〕8号",
        "for_relocated": True,
        "for_hard_to_employ": True,
    },
    {
        "kind": "policy",
        "title": "高校毕业生就业见习补贴",
        "summary": "离校两年内没找到工作的高校毕业生，到见习单位见习 3 到 12 个月，见习单位可以领补贴，您领生活费。",
        "body": (
            "## 见习期间\n\n"
            "见习单位按月发给您基本生活费，并为您办理人身意外伤害保险。\n\n"
            "## 怎么报名\n\n"
            "到零工驿站或县就业服务中心登记，选择见习岗位；也可以在本网站“找活干”里看见习岗位。"
        ),
        "source_office": "示范县人力资源和社会保障局",
        "document_number": "示人社发〔2026〕5号",
        "for_graduates": True,
    },
    {
        "kind": "guide",
        "title": "零工驿站办事指南",
        "summary": "带身份证到驿站窗口，登记想干的活，当天就给您推荐；招工的带营业执照来登记。全部免费。",
        "body": (
            "## 找活的人\n\n"
            "1. 带身份证到窗口，说清楚想干什么活、什么时间能干；\n"
            "2. 工作人员登记后，按您的要求推荐岗位，合适的当场联系用工方；\n"
            "3. 干完活拿不到工钱，扫驿站墙上的“维权码”或打投诉电话。\n\n"
            "## 招人的单位和家庭\n\n"
            "带营业执照（个人雇主带身份证）登记用工需求，工作人员审核后发布，并帮您找人。"
        ),
        "source_office": "示范县公共就业服务中心",
        "for_older": True,
    },
    {
        "kind": "notice",
        "title": "冬季零工驿站开放时间调整",
        "summary": "12 月到来年 2 月，各驿站早上 8 点半开门，下午 5 点关门，节假日照常开放。",
        "body": "冬季天冷，驿站提供热水和休息座椅，欢迎进站等活。",
        "source_office": "示范县公共就业服务中心",
    },
)


@demo.register(15, "publicity")
@transaction.atomic
def seed_publicity(say) -> None:
    from gigmarket.models import Region, User
    from publicity import services
    from publicity.models import Article
    from stations.models import ServiceRecord, Station

    county = (
        Region.objects.filter(code=DEMO_COUNTY).first() or Region.objects.order_by("code").first()
    )
    admin = User.objects.filter(username="admin").first()
    if county is None or admin is None:
        say("publicity: no demo county or admin yet, skipped")
        return
    today = timezone.localdate()
    created = 0
    for spec in ARTICLES:
        if Article.objects.filter(title=spec["title"]).exists():
            continue
        article = services.article_create(
            by=admin,
            region=county,
            valid_from=today - datetime.timedelta(days=30),
            valid_to=today + datetime.timedelta(days=365),
            **spec,
        )
        services.article_publish(article=article, by=admin)
        created += 1
    staff = User.objects.filter(username="staff").first()
    station = Station.objects.staffed_by(staff).first() if staff else None
    subsidy = Article.objects.filter(title=SUBSIDY_TITLE).first()
    if station is not None and subsidy is not None:
        asked = ServiceRecord.objects.filter(
            subject_type=Article._meta.label_lower, subject_id=str(subsidy.pk)
        ).exists()
        if not asked:
            for _ in range(2):
                services.consultation_log(article=subsidy, station=station, by=staff)
    say(f"publicity: {created} new articles published")
