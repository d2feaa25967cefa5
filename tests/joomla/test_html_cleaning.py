"""The old articles' HTML, cleaned into the pieces of our body blocks (no database)."""

from joomla.addresses import query_address
from joomla.html import clean, plain_text, video_url


def test_paragraphs_headings_lists_and_links_keep_only_our_rich_text_features():
    body = clean(
        '<h1>Итоги</h1><p class="x">Текст <strong>жирный</strong> и <em>курсив</em>, '
        '<a href="https://example.org/" onclick="x()">ссылка</a>, <a href="javascript:x()">'
        "не ссылка</a>.</p><ol><li>раз<li>два</ol><h4>Мелкий</h4>"
    )
    assert body.pieces == [
        (
            "text",
            "<h2>Итоги</h2><p>Текст <b>жирный</b> и <i>курсив</i>, "
            '<a href="https://example.org/">ссылка</a>, не ссылка.</p>'
            "<ol><li>раз</li><li>два</li></ol><h3>Мелкий</h3>",
        )
    ]
    assert body.warnings == []


def test_images_split_the_text_and_keep_their_alt_and_title():
    body = clean('<p>До <img src="images/a.jpg" alt="Кот" title="Подпись"> после</p>')
    assert body.pieces == [
        ("text", "<p>До</p>"),
        ("image", "images/a.jpg", "Кот", "Подпись"),
        ("text", "<p>после</p>"),
    ]


def test_shortcodes_styles_and_scripts_are_dropped_and_reported():
    body = clean(
        '<p style="color:red">{loadposition top} Текст {module 12}</p><script>x()</script>'
        '<p><span style="font-size:9pt">мелко</span></p>'
    )
    assert body.pieces == [("text", "<p>Текст</p><p>мелко</p>")]
    assert body.warnings == [
        "удалён шорткод {loadposition top}",
        "удалён шорткод {module 12}",
        "удалён элемент <script>",
        "удалены встроенные стили (2)",
    ]


def test_embedded_players_become_video_links_other_frames_are_dropped():
    body = clean(
        '<iframe src="//www.youtube.com/embed/abc" title="Ролик"></iframe>'
        '<iframe src="https://rutube.ru/play/embed/f00/"></iframe>'
        '<iframe src="https://maps.example/"></iframe>'
    )
    assert body.pieces == [
        ("video", "https://www.youtube.com/watch?v=abc", "Ролик"),
        ("video", "https://rutube.ru/video/f00/", "Видео"),
    ]
    assert body.warnings == ["удалена встроенная страница https://maps.example/"]
    assert (
        video_url("https://vk.com/video_ext.php?oid=-5&id=7&hash=1") == "https://vk.com/video-5_7"
    )


def test_lead_text_is_cut_at_a_word():
    assert plain_text("<p>Один {loadposition x} два три четыре</p>", limit=12) == "Один два…"


def test_any_spelling_of_an_old_query_address_comes_to_one_form():
    plain = "/index.php?option=com_content&view=article&id=12"
    assert query_address({"option": "com_content", "view": "article", "id": "12:alias"}) == plain
    assert query_address({"option": "com_contact", "view": "contact", "id": "1"}) is None
    assert query_address({"option": "com_content", "view": "article", "id": "x"}) is None
