"""A season of the Афиша for the demo: what a children's library in Kemerovo announces.

Dates are counted from the day the demo is loaded (`starts_in_days`), so the Афиша always
has upcoming events, one past event for the archive, and a weekly club with a cancelled date.
"""

import datetime

from django.utils import timezone

AFISHA_PAGE = {
    "title": "Афиша",
    "slug": "afisha",
    "intro": "Чтения, мастер-классы, встречи и конкурсы для детей, подростков и их родителей. "
    "Вход на большинство событий свободный; на некоторые нужна запись.",
}

# Each: the page's fields, `sessions` as (days from today or "saturday" for the next one,
# "HH:MM" or "all-day", minutes (days when all-day), weeks it repeats weekly after the first),
# `cancelled_week` (a weekly date that does not take place), `audiences` by slug,
# `partners` by short name, `picture` a motif of tooling/demo/motifs.py.
EVENTS = [
    {
        "title": "Клуб «Читаем вместе»",
        "lead": "Каждую субботу читаем вслух новые детские книги, обсуждаем и рисуем героев.",
        "paragraphs": [
            "Клуб для читателей 6–10 лет и их родителей. Встречи ведут библиотекари отдела "
            "обслуживания дошкольников и учащихся 1–4 классов.",
            "Книги к каждой встрече выбираем из новых поступлений; после чтения — рисуем, "
            "лепим и придумываем продолжение истории.",
        ],
        "place": "Зал семейного чтения, 1 этаж",
        "age_mark": 6,
        "audiences": ["deti", "roditeli"],
        "sessions": [("saturday", "12:00", 60, 12)],
        "cancelled_week": 4,
        "registration": "form",
        "seat_limit": 15,
        "picture": "children",
    },
    {
        "title": "Мастер-класс «Книга своими руками»",
        "lead": "Переплёт, обложка и иллюстрации: каждый участник уносит свою книгу.",
        "paragraphs": [
            "Художник-иллюстратор расскажет, как устроена книга, и поможет сделать свою: от "
            "сшивания тетрадей до оформления обложки.",
            "Оплатить участие можно «Пушкинской картой» (для молодёжи 14–22 лет).",
        ],
        "place": "Арт-студия, 2 этаж",
        "age_mark": 12,
        "audiences": ["podrostki", "molodezh"],
        "sessions": [(10, "16:00", 120, 0), (24, "16:00", 120, 0)],
        "is_free": False,
        "price": "400 ₽",
        "pushkin_card": True,
        "ticket_url": "https://www.culture.ru/events",
        "registration": "external",
        "registration_url": "https://www.culture.ru/events",
        "picture": "craft",
    },
    {
        "title": "Церемония награждения конкурса «Читаем о Кузбассе»",
        "lead": "Подводим итоги областного конкурса чтецов и вручаем дипломы победителям.",
        "paragraphs": [
            "На сцене — лауреаты конкурса из городов и районов Кузбасса. В программе чтение "
            "конкурсных произведений и вручение дипломов.",
            "Прямое включение из Минска: коллеги из Централизованной системы детских "
            "библиотек поздравят победителей.",
        ],
        "place": "Большой зал",
        "age_mark": 6,
        "audiences": ["deti", "podrostki", "roditeli"],
        "sessions": [(17, "14:00", 90, 0)],
        "partners": ["Централизованная система детских библиотек г. Минска"],
        "picture": "stage",
    },
    {
        "title": "Квест «Тайны старой библиотеки»",
        "lead": "Командная игра по залам библиотеки: шифры, загадки и книжные тайники.",
        "paragraphs": [
            "Команды по 4–6 человек проходят станции по всем этажам библиотеки. Победителей "
            "ждут книжные призы.",
        ],
        "place": "Все этажи библиотеки, сбор в холле",
        "age_mark": 12,
        "audiences": ["podrostki", "molodezh"],
        "sessions": [(12, "15:00", 90, 0)],
        "is_free": False,
        "price": "300 ₽",
        "pushkin_card": True,
        "ticket_url": "https://www.culture.ru/events",
        "registration": "form",
        "seat_limit": 30,
        "picture": "hall",
    },
    {
        "title": "Выставка «Новогодние книги»",
        "lead": "Зимние сказки, книги о празднике и рукоделии — всё можно взять домой.",
        "paragraphs": ["Выставка работает в часы работы библиотеки, вход свободный."],
        "place": "Абонемент, 1 этаж",
        "age_mark": 0,
        "audiences": ["deti", "podrostki", "roditeli"],
        "sessions": [(1, "all-day", 14, 0)],
        "picture": "exhibition",
    },
    {
        "title": "Встреча для родителей «Как увлечь ребёнка чтением»",
        "lead": "Детский психолог и библиотекари о том, как выбрать книгу и читать вместе.",
        "paragraphs": [
            "Поговорим о возрастных особенностях чтения, о гаджетах и книгах, о том, что "
            "читать летом. Каждый получит список книг по возрастам.",
        ],
        "place": "Конференц-зал, 3 этаж",
        "age_mark": 16,
        "audiences": ["roditeli"],
        "sessions": [(8, "18:30", 90, 0)],
        "registration": "form",
        "seat_limit": 40,
        "waiting_list": True,
        "picture": "hall",
    },
    {
        "title": "Семинар «Цифровые сервисы детской библиотеки»",
        "lead": "Для библиотекарей Кузбасса: электронные каталоги, проекты и продвижение.",
        "paragraphs": [
            "Областной семинар для специалистов библиотек, обслуживающих детей и молодёжь.",
        ],
        "place": "Компьютерный класс, 2 этаж",
        "age_mark": 18,
        "audiences": ["specialisty"],
        "sessions": [(15, "10:00", 240, 0)],
        "registration": "external",
        "registration_url": "https://forms.yandex.ru/",
        "picture": "computers",
    },
    {
        "title": "Литературная гостиная «Писатели Кузбасса — детям»",
        "lead": "Встреча с кемеровскими детскими писателями: чтение и автограф-сессия.",
        "paragraphs": ["Гости рассказали о новых книгах и ответили на вопросы читателей."],
        "place": "Большой зал",
        "age_mark": 6,
        "audiences": ["deti", "roditeli"],
        "sessions": [(-10, "15:00", 90, 0)],
        "picture": "books",
    },
]


def session_times(days, time, minutes, today=None):
    """(start, end, all_day) of a session `days` from today at `time` ("HH:MM" or "all-day",
    then `minutes` counts days)."""
    today = today or timezone.localdate()
    if days == "saturday":
        days = (5 - today.weekday()) % 7 or 7
    day = today + datetime.timedelta(days=days)
    if time == "all-day":
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        last_day = day + datetime.timedelta(days=minutes - 1)
        end = timezone.make_aware(datetime.datetime.combine(last_day, datetime.time(23, 59)))
        return start, end, True
    hour, minute = (int(part) for part in time.split(":"))
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
    return start, start + datetime.timedelta(minutes=minutes), False
