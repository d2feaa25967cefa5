"""News in bulk: live NewsPage rows under the demo news index, with rubrics, tags and links."""

import datetime
import json
import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cms.slugs import slugify_russian
from news.models import NewsPage, NewsPageRelatedNews, NewsPageTag, NewsPartner, NewsRubric, NewsTag

from . import texts
from .inserts import append_children

YEARS = 10
# The newest news item carries the 300 public comments the benchmark loads.
DISCUSSED_TITLE = "Обсуждаем вместе: какие книги читать летом"
DISCUSSED_SLUG = slugify_russian(DISCUSSED_TITLE)


def news_date(number, count, today):
    """Newest first, spread evenly over the last ten years."""
    return today - datetime.timedelta(days=number * 365 * YEARS // max(count, 1))


def title_for(number, rng):
    if number == 0:
        return DISCUSSED_TITLE
    return f"{rng.choice(texts.EVENTS)} {rng.choice(texts.TOPICS)} {rng.choice(texts.AUDIENCES)}"


def body_for(number, rng):
    """Raw StreamField data: three or four paragraphs, and a quote in every fifth item."""
    blocks = [
        {
            "type": "paragraph",
            "value": f"<p>{' '.join(rng.sample(texts.SENTENCES, 3))}</p>",
            "id": str(uuid.UUID(int=rng.getrandbits(128))),
        }
        for _ in range(rng.randint(3, 4))
    ]
    if number % 5 == 0:
        text, author = rng.choice(texts.QUOTES)
        blocks.insert(1, {"type": "quote", "value": {"text": text, "author": author},
                          "id": str(uuid.UUID(int=rng.getrandbits(128)))})  # fmt: skip
    return json.dumps(blocks, ensure_ascii=False)


def build_news(index, count, images, rng, today=None):
    """`count` live news items, newest first, as the index's last children."""
    today = today or timezone.localdate()
    content_type = ContentType.objects.get_for_model(NewsPage)
    rubrics = [NewsRubric.objects.get_or_create(name=name)[0] for name in texts.RUBRICS]
    pages = []
    for number in range(count):
        title = title_for(number, rng)
        date = news_date(number, count, today)
        published = timezone.make_aware(
            datetime.datetime.combine(date, datetime.time(9 + number % 8, rng.randrange(60)))
        )
        slug = DISCUSSED_SLUG if number == 0 else f"{slugify_russian(title, 80)}-{number}"
        pages.append(
            NewsPage(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                locale_id=index.locale_id,
                translation_key=uuid.UUID(int=rng.getrandbits(128)),
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                date=date,
                lead=f"{title}. {rng.choice(texts.SENTENCES)}",
                body=body_for(number, rng),
                main_image=images[number % len(images)],
                rubric=rng.choice(rubrics),
            )
        )
    append_children(index, pages)
    tag_news(pages, rng)
    NewsPageRelatedNews.objects.bulk_create(
        NewsPageRelatedNews(page=page, related=pages[(number + step) % count], sort_order=step)
        for number, page in enumerate(pages)
        for step in (1, 2)
        if count > 2
    )
    return pages


def tag_news(pages, rng):
    """One to three tags per item, and the popular tag on every fifth."""
    tags = [NewsTag.objects.get_or_create(name=name)[0] for name in texts.TAGS]
    popular, others = tags[0], tags[1:]
    links = []
    for number, page in enumerate(pages):
        chosen = rng.sample(others, rng.randint(1, 3)) + ([popular] if number % 5 == 0 else [])
        links += [NewsPageTag(content_object=page, tag=tag) for tag in chosen]
    NewsPageTag.objects.bulk_create(links, batch_size=2000)


def link_partners(pages, partners):
    """Every twentieth news item is about a partner; the first partners get the most news."""
    NewsPartner.objects.bulk_create(
        NewsPartner(page=page, partner=partners[(number // 20) % min(len(partners), 20)])
        for number, page in enumerate(pages)
        if number % 20 == 0
    )
