"""The demo's «Сведения об организации» (Приказ Минкультуры России № 277 of 20.02.2015): the
section with its nine subsections as empty pages for editors to fill, an example document
list in «Документы», the НОК and founder links, and the banner's destination. Safe to run
again: what exists is kept, what an editor changed is not overwritten."""

import datetime

from wagtail.documents.models import Document
from wagtail.models import Site

from cms.banner import EXTERNAL
from cms.models import SiteSettings
from cms.slugs import slugify_russian
from home.models import OrganizationInfoPage, OrganizationSectionPage

from .images import pdf_file

SECTION = {
    "title": "Сведения об организации",
    "lead": "Информация о деятельности библиотеки по требованиям приказа Министерства культуры "
    "Российской Федерации от 20 февраля 2015 г. № 277.",
}
SUBSECTIONS = [
    "Основные сведения и учредитель",
    "Структура и органы управления",
    "Руководство",
    "Режим работы и контакты",
    "Документы",
    "Государственное задание и отчёты",
    "Платные услуги и цены",
    "Материально-техническое обеспечение",
    "Результаты независимой оценки качества и план по устранению недостатков",
]
DOCUMENTS_SUBSECTION = "Документы"
# (title, date, number, file name) of the example list in «Документы».
DOCUMENTS = [
    ("Устав", datetime.date(2019, 11, 28), "1234", "ustav.pdf"),
    (
        "Положение о порядке предоставления платных услуг",
        datetime.date(2023, 1, 16),
        "5-од",
        "polozhenie-o-platnyx-uslugax.pdf",
    ),
]
# The card and survey ids are placeholders: the library's editors put its own.
SETTINGS = {
    "nok_url": "https://bus.gov.ru/info-card/000000",
    "survey_url": "https://bus.gov.ru/qrcode/rate/000000",
    "founder_name": "Министерство культуры и национальной политики Кузбасса",
    "founder_url": "https://kultura42.ru/",
}
BANNER_DESTINATION = "afisha-pushkin"
DEMO_BANNER_URL = "https://www.culture.ru/pushkinskaya-karta"


def add_official_content(home):
    section = published_child(home, OrganizationInfoPage, show_in_menus=True, **SECTION)
    for title in SUBSECTIONS:
        page = published_child(section, OrganizationSectionPage, title=title)
        if title == DOCUMENTS_SUBSECTION and page.created_now:
            page.body = [("document_list", document_list())]
            page.save_revision().publish()
    official_settings(SiteSettings.for_site(Site.objects.get(root_page=home)))


def published_child(parent, page_class, title, **fields):
    """The parent's child of this type and title, created and published if missing;
    `created_now` tells which."""
    page = page_class.objects.child_of(parent).filter(slug=slugify_russian(title)).first()
    if page is None:
        page = page_class(title=title, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.created_now = True
    else:
        page.created_now = False
    return page


def document_list():
    documents = []
    for seed, (title, date, number, name) in enumerate(DOCUMENTS, start=500):
        document = Document.objects.create(title=title, file=pdf_file(seed, name))
        documents.append({"title": title, "date": date, "number": number, "document": document})
    return {"heading": "Учредительные документы и положения", "documents": documents}


def official_settings(site_settings):
    """Fill what an editor has not set; the banner leads to the Афиша's «Пушкинская карта»
    events (its link stays for while the Афиша is unpublished) unless an editor chose
    another link."""
    for field, value in SETTINGS.items():
        if not getattr(site_settings, field):
            setattr(site_settings, field, value)
    if site_settings.banner_destination == EXTERNAL and site_settings.banner_url in (
        "",
        DEMO_BANNER_URL,
    ):
        site_settings.banner_destination = BANNER_DESTINATION
        site_settings.banner_url = DEMO_BANNER_URL
    site_settings.save()
