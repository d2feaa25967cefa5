// The home page: its `sections` in the order the API gives them (switch on `kind`); every
// heading is the API's.
import { getJSON, siteUrl } from "./api.js";
import { h, picture, time } from "./dom.js";

export async function renderHome() {
    const listing = await getJSON("pages/", { type: "home.HomePage", fields: "*" });
    const home = listing.items[0];
    if (!home) return { title: "Главная", content: [h("h1", {}, "Главная страница ещё не опубликована.")] };
    return homeView(home);
}

// The home page's detail (from the listing, `/pages/<id>/` or a draft preview) as a page.
export function homeView(home) {
    return {
        title: home.title,
        content: [
            h("h1", { class: "visually-hidden" }, home.title),
            home.intro ? h("p", { class: "intro" }, home.intro) : null,
            ...(home.sections || []).map(renderSection).filter(Boolean),
        ],
    };
}

// One slide, promo block or partner, as the home page shows it in its section (a preview).
export function snippetView(kind, item, title) {
    return {
        title,
        content: [h("h1", {}, title), renderSection({ kind, heading: "", items: [item] }, 0)],
    };
}

export function renderSection(section, index) {
    const render = RENDERERS[section.kind];
    if (!render) return null; // a kind this client does not know yet: skipped, never a break
    const id = `section-${index}`;
    const heading = section.heading ? h("h2", { id, class: "section__heading" }, section.heading) : null;
    return h(
        "section",
        {
            class: `section section--${section.kind}`,
            "data-section": section.kind,
            "aria-labelledby": heading ? id : undefined,
            "aria-label": heading ? undefined : "Главные события",
        },
        heading,
        render(section),
    );
}

const RENDERERS = {
    slides: (section) =>
        h(
            "ul",
            { class: "slides" },
            section.items.map((slide, index) =>
                h(
                    "li",
                    { class: "slide", "data-slide": true },
                    picture(slide.image, { className: "slide__image", loading: index ? "lazy" : "eager" }),
                    h(
                        "div",
                        { class: "slide__caption" },
                        h("h2", { class: "slide__title" }, slide.title),
                        slide.subtitle ? h("p", { class: "slide__subtitle" }, slide.subtitle) : null,
                        slide.url
                            ? h(
                                  "a",
                                  { class: "button slide__button", href: siteUrl(slide.url) },
                                  slide.button_text,
                                  h("span", { class: "visually-hidden" }, `: ${slide.title}`),
                              )
                            : null,
                    ),
                ),
            ),
        ),
    news: (section) => [
        section.items.length
            ? h("div", { class: "card-grid" }, section.items.map((news) => newsCard(news)))
            : h("p", {}, "Новостей пока нет."),
        section.all_url ? h("p", {}, h("a", { class: "button", href: "#/news" }, "Все новости")) : null,
    ],
    // «Ближайшие события»: each opens on the site (this client has no Афиша of its own yet).
    events: (section) => [
        section.items.length
            ? h(
                  "ul",
                  { class: "event-list" },
                  section.items.map((event) =>
                      h(
                          "li",
                          { class: "event" },
                          time(event.all_day ? event.start.slice(0, 10) : event.start),
                          " ",
                          h("a", { href: siteUrl(event.html_url) }, event.title),
                          " ",
                          h("span", { class: "age-mark", title: "Возрастное ограничение" }, event.age_mark),
                          event.pushkin_card ? h("span", { class: "event__pushkin" }, " Пушкинская карта") : null,
                      ),
                  ),
              )
            : h("p", {}, "Ближайших событий пока нет."),
        section.all_url ? h("p", {}, h("a", { class: "button", href: siteUrl(section.all_url) }, "Вся афиша")) : null,
    ],
    decide_together: (section) => [
        h("p", {}, section.text),
        section.url ? h("p", {}, h("a", { class: "button", href: siteUrl(section.url) }, "Написать обращение")) : null,
    ],
    promos: (section) =>
        h(
            "ul",
            { class: "promo-list" },
            section.items.map((promo) =>
                h(
                    "li",
                    { class: "promo" },
                    h(
                        "a",
                        { href: siteUrl(promo.url) || undefined },
                        picture(promo.image, { kind: "card", alt: "" }),
                        h("span", { class: "promo__title" }, promo.title),
                    ),
                ),
            ),
        ),
    partners: (section) =>
        h(
            "ul",
            { class: "partner-list", tabindex: 0, "aria-label": "Логотипы партнёров" },
            section.items.map((partner) =>
                h(
                    "li",
                    { class: "partner" },
                    h(
                        "a",
                        { href: siteUrl(partner.html_url || partner.website) || undefined, title: partner.full_name },
                        partner.logo ? h("img", logoAttributes(partner.logo)) : null,
                        h("span", { class: "partner__name" }, partner.short_name),
                    ),
                ),
            ),
        ),
};

// A logo at most 96 px on its long side; the name beside it says what it is (alt="").
export function logoAttributes(logo) {
    const rendition = logo.renditions.medium_webp || logo.renditions.medium_jpeg;
    const scale = 96 / Math.max(rendition.width, rendition.height);
    return {
        src: rendition.url,
        alt: "",
        width: Math.round(rendition.width * scale),
        height: Math.round(rendition.height * scale),
        loading: "lazy",
    };
}

// A news card; the news' id (a listing item or a `sections` item) opens it in this client.
export function newsCard(news, headingLevel = 3) {
    return h(
        "article",
        { class: "news-card" },
        news.main_image
            ? picture(news.main_image, { kind: "card", className: "news-card__image" })
            : h("div", { class: "news-card__placeholder", "aria-hidden": "true" }), // keeps the grid even
        h(
            "div",
            { class: "news-card__body" },
            h(`h${headingLevel}`, { class: "news-card__title" }, h("a", { href: `#/news/${news.id}` }, news.title)),
            news.date ? h("p", { class: "news-card__meta" }, time(news.date)) : null,
            news.lead ? h("p", { class: "news-card__lead" }, news.lead) : null,
        ),
    );
}
