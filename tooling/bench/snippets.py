"""Partners, slides and promo blocks in bulk: published, and slides and promos on show now."""

import datetime

from django.utils import timezone

from cms.models import PromoBlock, Slide
from cms.slugs import slugify_russian
from partners.models import Partner

from . import texts

FEATURED_PARTNERS = 20


def published(now):
    return {"live": True, "has_unpublished_changes": False, "first_published_at": now,
            "last_published_at": now}  # fmt: skip


def build_partners(total, logos, rng, now=None):
    """Partners up to `total` (the demo's count too); two in three with a logo."""
    now = now or timezone.now()
    existing = Partner.objects.count()
    featured = Partner.objects.filter(featured=True).count()
    taken = set(Partner.objects.values_list("slug", flat=True))
    partners = []
    for number in range(existing, total):
        city, region, country = rng.choice(texts.CITIES)
        short_name = f"{rng.choice(texts.LIBRARY_KINDS)} № {number} ({city})"
        slug = slugify_russian(short_name, max_length=140)
        if slug in taken:
            slug = f"{slug}-{number}"
        taken.add(slug)
        partners.append(
            Partner(
                full_name=f"Муниципальное учреждение культуры «{short_name}»",
                short_name=short_name,
                slug=slug,
                kind=Partner.LIBRARY if number % 7 else Partner.OTHER,
                city=city,
                region=region,
                country=country,
                logo=logos[number % len(logos)] if number % 3 else None,
                website=f"https://library-{number}.example.org/",
                description=f"{short_name} — партнёр по соглашению о сотрудничестве.",
                address=f"{city}, ул. Библиотечная, {number % 90 + 1}",
                latitude=round(rng.uniform(42, 60), 6),
                longitude=round(rng.uniform(30, 135), 6),
                agreement_date=now.date() - datetime.timedelta(days=rng.randrange(3650)),
                agreement_number=f"{number}/С",
                cooperation_areas="Обмен опытом\nСовместные конкурсы\nКнижные выставки",
                featured=featured + len(partners) < FEATURED_PARTNERS,
                sort_order=number,
                **published(now),
            )
        )
    Partner.objects.bulk_create(partners)
    return list(Partner.objects.order_by("sort_order", "pk"))


def build_cards(model, total, images, link_pages, rng, now=None):
    """Slides or promo blocks up to `total`, published and inside their date window."""
    now = now or timezone.now()
    existing = model.objects.count()
    cards = []
    for number in range(existing, total):
        if model is Slide:
            extra = {"subtitle": rng.choice(texts.SENTENCES), "button_text": "Подробнее"}
        else:
            extra = {"group": PromoBlock.GROUPS[number % 2][0]}
        link_page = link_pages[number % len(link_pages)] if number % 4 else None
        cards.append(
            model(
                title=f"{rng.choice(texts.EVENTS)} {rng.choice(texts.TOPICS)}",
                image=images[number % len(images)],
                link_page=link_page,
                link_url="" if link_page else "https://kemrsl.ru/",
                starts_at=now - datetime.timedelta(days=30),
                ends_at=now + datetime.timedelta(days=365),
                sort_order=number,
                **extra,
                **published(now),
            )
        )
    return model.objects.bulk_create(cards)
