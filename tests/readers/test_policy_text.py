"""The demo's policy page says what «Удалить аккаунт» does, also on a demo loaded before."""

from wagtail.rich_text import RichText

from home.models import StandardPage
from tests.conftest import add_page
from tooling.demo import content
from tooling.management.commands.load_demo_content import Command


def paragraphs(texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def body_text(page):
    page.refresh_from_db()
    return " ".join(block.value.source for block in page.body)


def test_an_earlier_demo_policy_gets_the_current_text_once_and_an_edited_one_is_kept(home):
    earlier = content.POLICY_PAGE_EARLIER_PARAGRAPHS[0]
    policy = add_page(
        home,
        StandardPage(
            title=content.POLICY_PAGE["title"],
            lead=content.POLICY_PAGE["lead"],
            body=paragraphs(earlier),
        ),
    )
    loader = Command()
    loader.policy_page(home)
    text = body_text(policy)
    assert "за подписью «Читатель»" in text and "комментарии на модерации" in text
    revisions = policy.revisions.count()
    loader.policy_page(home)
    assert policy.revisions.count() == revisions  # idempotent

    policy.body = paragraphs(["Текст, который написал редактор."])
    policy.save_revision().publish()
    loader.policy_page(home)
    assert body_text(policy) == "<p>Текст, который написал редактор.</p>"
