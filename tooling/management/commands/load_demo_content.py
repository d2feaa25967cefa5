"""Build the demo site from the seed page; safe to run again (existing content is kept)."""

import datetime
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from cms.editorial import CHIEF_EDITORS_GROUP, EDITORS_GROUP
from cms.models import PromoBlock, SiteSettings, Slide
from cms.slugs import slugify_russian
from cms.tree import tree_root
from events.models import EventAudience, EventCancelledDate, EventIndexPage, EventPage, EventSession
from feedback.models import FeedbackFormField, FeedbackFormPage
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage, NewsPageRelatedNews, NewsPartner, NewsRubric
from partners.models import Partner, PartnerDirectoryPage
from tooling.demo import content
from tooling.demo import events as demo_events
from tooling.demo.comments import add_demo_comments, set_sites_domain
from tooling.demo.images import MOTIF_DESCRIPTIONS, logo_file, pdf_file, picture_file
from tooling.demo.official import add_official_content

# The demo's tasks (renditions, the search and reference indexes) run as it is built: the site
# is whole when `make run` starts serving it, and Wagtail's reference-index task, queued for
# an inline row the build then replaces, does not fail in the worker (it expects the row).
TASKS_INLINE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "biblioteka-demo"  # noqa: S105 - dev-only demo account, stated in README
# The approval workflow's two roles (cms.editorial), dev-only accounts stated in README.
DEMO_EDITORS = [
    {
        "username": "redaktor",
        "password": "redaktor-demo",
        "first_name": "Анна",
        "last_name": "Смирнова",
        "group": EDITORS_GROUP,
    },
    {
        "username": "glavred",
        "password": "glavred-demo",
        "first_name": "Ольга",
        "last_name": "Кузнецова",
        "group": CHIEF_EDITORS_GROUP,
    },
]


class Command(BaseCommand):
    help = "Load the demo content (home page, news, about and policy pages). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--hostname", default=os.environ.get("SITE_HOSTNAME", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument(
            "--image-scale",
            type=float,
            default=1.0,
            help="size of the drawn pictures and logos (tests: 0.25)",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        with override_settings(TASKS=TASKS_INLINE):
            self.build(**options)

    def build(self, *, hostname, port, image_scale, **options):
        self.image_scale = image_scale
        home = self.home_page(hostname, port)
        news_index = self.child(
            home,
            NewsIndexPage,
            title="Новости",
            show_in_menus=True,
            intro="Новости, события и конкурсы библиотеки.",
        )
        self.standard_page(home, content.ABOUT_PAGE, show_in_menus=True)
        policy = self.policy_page(home)
        self.site_settings(home, policy)
        self.feedback_page(home)
        add_official_content(home)

        created = 0
        news_pages = []
        for number, item in enumerate([content.SEED_ARTICLE, *content.MORE_NEWS]):
            page, was_created = self.news_page(news_index, item, seed=number)
            news_pages.append(page)
            created += was_created
        if created:
            self.link_related_news(news_pages)
        self.child(home, PartnerDirectoryPage, show_in_menus=True, **content.DIRECTORY_PAGE)
        self.partners(news_pages[0])
        links = {f"news:{page.title}": page for page in news_pages}
        self.cards(Slide, content.SLIDES, links, size=(1440, 720))
        self.cards(PromoBlock, content.PROMOS, links, size=(640, 360))
        self.events(home)

        if getattr(settings, "DEMO_ADMIN_ENABLED", False):
            self.demo_admin()
            self.demo_editors()
        self.comments(hostname, port, news_pages[0])
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {created} news created."))

    def home_page(self, hostname, port):
        home = HomePage.objects.first()
        root = tree_root()
        if home is None:
            # Wagtail's migrations leave a generic welcome page; the library's home replaces it.
            for welcome in root.get_children().exact_type(Page):
                welcome.delete()
            home = HomePage(
                title="Государственная библиотека Кузбасса для детей и молодёжи",
                slug="home",
                intro="Книги, конкурсы и проекты для детей, подростков и их родителей.",
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": hostname,
                "port": port,
                "root_page": home,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
        return home

    def partners(self, seed_article):
        """The 13 partners of the seed article; the article is linked to the Minsk one."""
        if Partner.objects.exists():
            return
        for order, (full_name, short_name, city, region, country) in enumerate(content.PARTNERS):
            is_minsk = short_name == content.MINSK
            partner = Partner(
                full_name=full_name,
                short_name=short_name,
                city=city,
                region=region,
                country=country,
                logo=Image.objects.create(
                    title=f"Логотип: {short_name}",
                    description=f"Логотип: {short_name}",
                    file=logo_file(100 + order, f"logo-{order}.png", scale=self.image_scale),
                ),
                description=f"{full_name} — партнёр библиотеки по соглашению о сотрудничестве.",
                cooperation_areas=content.COOPERATION_AREAS,
                featured=order < 8,
                sort_order=order,
            )
            if is_minsk:
                partner.agreement_date = seed_article.date
                partner.agreement_document = self.document(
                    "Соглашение с ЦСДБ г. Минска", 200, "soglashenie-minsk.pdf"
                )
            partner.save()
            partner.save_revision().publish()
            if is_minsk:
                seed_article.news_partners = [NewsPartner(partner=partner)]
                seed_article.save_revision().publish()

    def cards(self, model, cards, links, size):
        """Publish the demo slides or promo blocks, in order, unless some already exist."""
        if model.objects.exists():
            return
        for order, card in enumerate(cards):
            fields = {key: value for key, value in card.items() if key not in ("link", "picture")}
            image_title = f"{model._meta.verbose_name}: {card['title']}"
            seed = 300 + order + 10 * len(fields)
            instance = model(
                image=self.image(image_title, seed, size=size, motif=card.get("picture")),
                sort_order=order,
                **fields,
                **self.link(links, card["link"]),
            )
            instance.save()
            instance.save_revision().publish()

    def link(self, links, target):
        """Link fields for a demo card: a news item named «news:<title>», or an external URL."""
        if target in links:
            return {"link_page": links[target]}
        return {"link_url": target}

    def document(self, title, seed, name):
        return Document.objects.create(title=title, file=pdf_file(seed, name))

    def site_settings(self, home, policy):
        """Fill the settings an editor has not set yet; never overwrite their choices."""
        site_settings = SiteSettings.for_site(Site.objects.get(root_page=home))
        defaults = content.SITE_SETTINGS | {"policy_page": policy}
        for field, value in defaults.items():
            if not getattr(site_settings, field):
                setattr(site_settings, field, value)
        site_settings.save()

    def feedback_page(self, home):
        """«Решаем вместе»: the consent text, the form page, and the home block's link to it."""
        consent = self.standard_page(home, content.CONSENT_PAGE, show_in_menus=False)
        if not FeedbackFormPage.objects.child_of(home).exists():
            fields = [
                FeedbackFormField(
                    label=label,
                    field_type=field_type,
                    required=required,
                    role=role,
                    choices=choices,
                    help_text=help_text,
                    sort_order=order,
                )
                for order, (label, field_type, required, role, choices, help_text) in enumerate(
                    content.FEEDBACK_FIELDS
                )
            ]
            page = FeedbackFormPage(
                **content.FEEDBACK_PAGE, consent_page=consent, form_fields=fields
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        page = FeedbackFormPage.objects.child_of(home).first()
        site_settings = SiteSettings.for_site(Site.objects.get(root_page=home))
        if not site_settings.decide_page_id:  # never overwrite an editor's choice
            site_settings.decide_page = page
            site_settings.save()

    def child(self, parent, page_class, title, **fields):
        """The parent's child of this type and title, created and published if missing."""
        existing = page_class.objects.child_of(parent).filter(slug=slugify_russian(title)).first()
        if existing:
            return existing
        page = page_class(title=title, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def standard_page(self, home, text, show_in_menus):
        return self.child(
            home,
            StandardPage,
            title=text["title"],
            lead=text["lead"],
            body=[("paragraph", RichText(f"<p>{p}</p>")) for p in text["paragraphs"]],
            show_in_menus=show_in_menus,
        )

    def policy_page(self, home):
        """The policy page; one still holding an earlier demo text gets the current one."""
        policy = self.standard_page(home, content.POLICY_PAGE, show_in_menus=False)
        paragraphs = [
            block.value.source for block in policy.body if block.block_type == "paragraph"
        ]
        earlier = [[f"<p>{p}</p>" for p in text] for text in content.POLICY_PAGE_EARLIER_PARAGRAPHS]
        if paragraphs in earlier:
            policy.body = [
                ("paragraph", RichText(f"<p>{p}</p>")) for p in content.POLICY_PAGE["paragraphs"]
            ]
            policy.save_revision().publish()
        return policy

    def news_page(self, news_index, item, seed):
        slug = slugify_russian(item["title"])
        existing = NewsPage.objects.child_of(news_index).filter(slug=slug).first()
        if existing:
            return existing, False
        main_image = (
            self.image(item["title"], seed, motif=item["picture"]) if item["picture"] else None
        )
        body = [("paragraph", RichText(f"<p>{p}</p>")) for p in item["paragraphs"]]
        if "quote" in item:
            text, author = item["quote"]
            body.insert(1, ("quote", {"text": text, "author": author}))
        if item.get("gallery"):
            motifs = [item.get("picture"), *item.get("gallery_pictures", [])]
            images = [
                {
                    "image": self.image(
                        f"{item['title']} — фото {n}", seed * 10 + n, motif=motifs[n % len(motifs)]
                    ),
                    "caption": f"Фото {n}",
                }
                for n in range(1, item["gallery"] + 1)
            ]
            body.append(("gallery", {"title": "Фотографии", "images": images}))
        if item.get("document"):
            document = self.document(item["document"], seed, f"{slug[:40]}.pdf")
            body.append(("document", {"document": document, "title": item["document"]}))
        rubric, _ = NewsRubric.objects.get_or_create(name=item["rubric"])
        page = NewsPage(
            title=item["title"],
            date=item["date"],
            lead=item["lead"],
            main_image=main_image,
            body=body,
            rubric=rubric,
        )
        page.tags.add(*item["tags"])
        news_index.add_child(instance=page)
        page.save_revision().publish()
        return page, True

    def image(self, title, seed, size=(1600, 1000), motif=None):
        """A drawn picture of `motif` (tooling/demo/motifs.py), or one the seed picks."""
        picture = picture_file(
            seed, f"demo-{seed}.jpg", size=size, scale=self.image_scale, motif=motif
        )
        shows = MOTIF_DESCRIPTIONS.get(motif, "библиотека")
        return Image.objects.create(
            title=title, description=f"Иллюстрация: {shows}. {title}", file=picture
        )

    def events(self, home):
        """The Афиша and a season of events (tooling/demo/events.py), each created once."""
        afisha = self.child(home, EventIndexPage, show_in_menus=True, **demo_events.AFISHA_PAGE)
        EventAudience.ensure_defaults()  # a flushed database has lost migration 0002's rows
        for number, item in enumerate(demo_events.EVENTS):
            if not EventPage.objects.child_of(afisha).filter(title=item["title"]).exists():
                self.event_page(afisha, item, seed=500 + number)

    def event_page(self, afisha, item, seed):
        sessions, cancelled = [], []
        for days, time, minutes, weeks in item["sessions"]:
            start, end, all_day = demo_events.session_times(days, time, minutes)
            until = timezone.localdate(start) + datetime.timedelta(weeks=weeks) if weeks else None
            sessions.append(
                EventSession(start=start, end=end, all_day=all_day, repeat_weekly_until=until)
            )
            if "cancelled_week" in item:
                day = timezone.localdate(start) + datetime.timedelta(weeks=item["cancelled_week"])
                cancelled.append(EventCancelledDate(date=day))
        fields = {
            key: value
            for key, value in item.items()
            if key not in ("paragraphs", "sessions", "cancelled_week", "audiences", "partners")
            and key != "picture"
        }
        page = EventPage(
            **fields,
            main_image=self.image(item["title"], seed, motif=item["picture"]),
            body=[("paragraph", RichText(f"<p>{p}</p>")) for p in item["paragraphs"]],
        )
        page.sessions, page.cancelled_dates = sessions, cancelled
        page.audiences = list(EventAudience.objects.filter(slug__in=item["audiences"]))
        page.partners = list(Partner.objects.filter(short_name__in=item.get("partners", [])))
        afisha.add_child(instance=page)
        page.save_revision().publish()

    def link_related_news(self, news_pages):
        """Each news item points to the two that follow it, so «Читайте также» has content."""
        for index, page in enumerate(news_pages):
            page.related_news = [
                NewsPageRelatedNews(related=news_pages[(index + step) % len(news_pages)])
                for step in (1, 2)
            ]
            page.save_revision().publish()

    def comments(self, hostname, port, seed_page):
        """The sites domain comment e-mails link to, and a demo thread under the seed article."""
        set_sites_domain(hostname, port)
        add_demo_comments(seed_page)

    def demo_admin(self):
        user_model = get_user_model()
        if not user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            user_model.objects.create_superuser(
                DEMO_ADMIN_USERNAME, "admin@example.org", DEMO_ADMIN_PASSWORD
            )
            self.stdout.write(
                f"Admin account: {DEMO_ADMIN_USERNAME} / {DEMO_ADMIN_PASSWORD} (dev only)"
            )

    def demo_editors(self):
        """«redaktor» writes and submits news, «glavred» approves it (README, «Approval before
        publication»)."""
        user_model = get_user_model()
        for account in DEMO_EDITORS:
            user, created = user_model.objects.get_or_create(
                username=account["username"],
                defaults={
                    "first_name": account["first_name"],
                    "last_name": account["last_name"],
                    "email": f"{account['username']}@example.org",
                },
            )
            if created:
                user.set_password(account["password"])
                user.save(update_fields=["password"])
                self.stdout.write(
                    f"{account['group']}: {account['username']} / {account['password']} (dev only)"
                )
            user.groups.add(Group.objects.get(name=account["group"]))
