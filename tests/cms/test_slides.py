import datetime

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cms.models import Slide
from tests.conftest import make_image, make_slide

# Slides need images, which go in Wagtail's root collection.
pytestmark = pytest.mark.usefixtures("wagtail_roots")

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def visible_titles(at=None):
    return [slide.title for slide in Slide.objects.visible(at)]


@pytest.mark.django_db
def test_only_live_slides_inside_their_window_are_visible_in_order():
    make_slide("Третий", sort_order=3)
    make_slide("Первый", sort_order=1)
    make_slide("Будущий", sort_order=0, starts_at=NOW + DAY)
    make_slide("Прошедший", sort_order=0, ends_at=NOW - DAY)
    make_slide("Черновик", sort_order=0, live=False)
    make_slide("Текущий", sort_order=2, starts_at=NOW - DAY, ends_at=NOW + DAY)
    assert visible_titles() == ["Первый", "Текущий", "Третий"]


@pytest.mark.django_db
def test_a_slide_scheduled_for_next_week_appears_next_week():
    make_slide("Неделя книги", starts_at=NOW + 7 * DAY, ends_at=NOW + 14 * DAY)
    assert visible_titles() == []
    assert visible_titles(NOW + 8 * DAY) == ["Неделя книги"]
    assert visible_titles(NOW + 15 * DAY) == []


@pytest.mark.django_db
def test_slide_ending_before_it_starts_is_refused_in_russian():
    with pytest.raises(ValidationError) as error:
        make_slide("Наоборот", starts_at=NOW, ends_at=NOW - DAY)
    assert error.value.message_dict["ends_at"] == [
        "Дата окончания показа должна быть позже даты начала."
    ]


@pytest.mark.django_db
def test_slide_with_both_page_and_url_is_refused(home):
    with pytest.raises(ValidationError) as error:
        make_slide("Две ссылки", link_page=home, link_url="https://example.org/")
    assert "link_url" in error.value.message_dict


def slide_form(**fields):
    return {
        "title": "Новый слайд",
        "subtitle": "",
        "image": "",
        "image_alt": "",
        "button_text": "Подробнее",
        "link_page": "",
        "link_url": "https://example.org/",
        "starts_at": "",
        "ends_at": "",
        **fields,
    }


@pytest.mark.django_db
def test_admin_refuses_a_slide_without_image_and_keeps_what_was_typed(editor):
    response = editor.post(reverse("wagtailsnippets_cms_slide:add"), slide_form())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Выберите изображение: без него карточку нельзя показать на сайте." in html
    assert 'value="Новый слайд"' in html
    assert not Slide.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_end_before_start(editor, home):
    data = slide_form(
        image=make_image().pk, starts_at="2026-12-10 10:00", ends_at="2026-12-01 10:00"
    )
    response = editor.post(reverse("wagtailsnippets_cms_slide:add"), data)
    assert "Дата окончания показа должна быть позже даты начала." in response.content.decode()
    assert not Slide.objects.exists()


@pytest.mark.django_db
def test_editor_schedules_a_slide_and_publishes_it(editor, home):
    data = slide_form(image=make_image().pk, starts_at="2030-01-01 10:00", ends_at="")
    data["action-publish"] = "action-publish"
    response = editor.post(reverse("wagtailsnippets_cms_slide:add"), data)
    assert response.status_code == 302
    slide = Slide.objects.get()
    assert slide.live
    assert visible_titles() == []
    assert visible_titles(datetime.datetime(2030, 1, 2, tzinfo=datetime.UTC)) == ["Новый слайд"]


@pytest.mark.django_db
def test_editor_reorders_slides_by_drag_and_drop(editor):
    make_slide("Первый", sort_order=0)
    second = make_slide("Второй", sort_order=1)
    url = reverse("wagtailsnippets_cms_slide:reorder", args=[second.pk])
    assert editor.post(f"{url}?position=0").status_code == 200
    assert visible_titles() == ["Второй", "Первый"]


@pytest.mark.django_db
def test_home_page_shows_every_visible_slide_without_javascript(client, home):
    make_slide("Первый", sort_order=1, link_url="https://example.org/")
    make_slide("Второй", sort_order=2, link_page=home)
    make_slide("Черновик", live=False)
    html = client.get("/").content.decode()
    assert html.count("data-carousel-item>") == 2
    assert 'aria-label="1 из 2: Первый"' in html
    assert 'aria-label="2 из 2: Второй"' in html
    assert "Черновик" not in html
    assert '<div class="slider__controls" data-carousel-controls hidden>' in html


@pytest.mark.django_db
def test_slide_preview_renders(editor):
    slide = make_slide("Предпросмотр")
    url = reverse("wagtailsnippets_cms_slide:preview_on_edit", args=[slide.pk])
    data = slide_form(title="Предпросмотр", image=slide.image_id)
    assert editor.post(url, data).json()["is_valid"]
    assert "Предпросмотр" in editor.get(url).content.decode()


@pytest.mark.django_db
def test_slide_linking_to_an_unpublished_page_shows_without_a_button(client, home, news_index):
    from tests.conftest import make_news

    draft = make_news(news_index, title="Черновик", live=False)
    make_slide("Со ссылкой на черновик", link_page=draft)
    html = client.get("/").content.decode()
    assert "Со ссылкой на черновик" in html
    assert "chernovik" not in html
