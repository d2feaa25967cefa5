"""The partner directory in both APIs: at most 3 SQL queries (the count, the partners with
their logos and agreement documents, the logos' renditions) with 1 and with 100 partners."""

import pytest

from django.core.files.base import ContentFile

from wagtail.documents.models import Document

from tests.conftest import TINY, count_queries, indexed_once, make_image, make_partner

pytestmark = pytest.mark.usefixtures("renditions_on_view")

LISTINGS = ["/api/v2/partners/?fields=*&limit=20", "/api/v3/partners/?limit=20"]


@indexed_once()
def fill(start, count):
    for number in range(start, start + count):
        document = Document.objects.create(
            title=f"Соглашение {number}", file=ContentFile(b"%PDF-1.4\n", name="dogovor.pdf")
        )
        make_partner(
            f"Партнёр {number}", logo=make_image(f"Логотип {number}", TINY),
            agreement_document=document,
        )  # fmt: skip


@pytest.mark.django_db
def test_partner_listings_run_3_queries_with_1_and_100_partners_with_documents(client, home):
    fill(0, 1)
    with_one = {url: count_queries(client, url) for url in LISTINGS}
    fill(1, 99)
    with_hundred = {url: count_queries(client, url) for url in LISTINGS}
    assert with_hundred == with_one
    assert max(with_one.values()) <= 3
