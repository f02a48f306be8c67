"""Factories for publicity: articles (draft or published) in the demo county."""

import datetime

import factory
from django.utils import timezone

from publicity.models import Article
from tests.gigmarket.factories import RegionFactory


def county():
    return RegionFactory(code="520999", name="示范县")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    kind = Article.Kind.POLICY
    title = factory.Sequence(lambda n: f"就业政策第{n}号")
    summary = "打零工的人到驿站可以问。"
    body = "## 谁能领\n\n- 大龄人员\n"
    region = factory.LazyFunction(county)
    state = Article.State.DRAFT

    class Params:
        published = factory.Trait(
            state=Article.State.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
            valid_from=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=1)
            ),
        )


class SubsidyFactory(ArticleFactory):
    kind = Article.Kind.SUBSIDY
    title = factory.Sequence(lambda n: f"社保补贴怎么领{n}")
    for_older = True
