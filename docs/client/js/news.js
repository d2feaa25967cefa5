// The news list (pages of ?limit/offset, filtered by rubric or tag) and a news page.
import { getJSON, siteUrl } from "./api.js";
import { renderComments } from "./comments.js";
import { h, picture, time } from "./dom.js";
import { logoAttributes, newsCard, renderSection } from "./home.js";

const PER_PAGE = 10;

// query: the route's own (#/news?offset=10&tag=leto), as URLSearchParams.
export async function renderNewsList(query) {
    const offset = Math.max(0, Number.parseInt(query.get("offset"), 10) || 0);
    const filter = { rubric: query.get("rubric"), tag: query.get("tag") };
    const listing = await getJSON("pages/", {
        type: "news.NewsPage",
        fields: "date,lead,main_image,rubric",
        order: "-date",
        limit: PER_PAGE,
        offset,
        ...filter,
    });
    const total = listing.meta.total_count;
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    const current = Math.floor(offset / PER_PAGE) + 1;
    const link = (newOffset) => {
        const params = new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) });
        if (newOffset) params.set("offset", newOffset);
        const text = params.toString();
        return `#/news${text ? `?${text}` : ""}`;
    };
    const filtered = filter.rubric || filter.tag;
    return {
        title: "Новости",
        content: [
            h("h1", {}, "Новости"),
            filtered
                ? h(
                      "p",
                      { class: "filter-note" },
                      `Отбор: ${filter.rubric ? `рубрика «${filter.rubric}»` : `тег «${filter.tag}»`} — найдено ${total}. `,
                      h("a", { href: "#/news" }, "Показать все новости"),
                  )
                : null,
            listing.items.length
                ? h("div", { class: "card-grid card-grid--list", "data-news-list": true }, listing.items.map((news) => newsCard(news, 2)))
                : h("p", {}, "Новостей не найдено."),
            pages > 1
                ? h(
                      "nav",
                      { class: "pagination", "aria-label": "Страницы новостей" },
                      current > 1 ? h("a", { href: link(offset - PER_PAGE), rel: "prev" }, "← Назад") : null,
                      h("span", { "aria-current": "page" }, `Страница ${current} из ${pages}`),
                      current < pages ? h("a", { href: link(offset + PER_PAGE), rel: "next" }, "Далее →") : null,
                  )
                : null,
        ],
    };
}

export async function renderNewsPage(id, settings) {
    const news = await getJSON(`pages/${id}/`, { fields: "*" });
    if (news.meta.type !== "news.NewsPage") throw new Error("Это не новость.");
    return newsView(news, settings);
}

// A news item's detail (`/pages/<id>/` or a draft preview) as a page. A draft has no
// comments of its own (and a guest's form there would post to the live page): none shown.
export async function newsView(news, settings, { draft = false } = {}) {
    const tags = news.tags || [];
    return {
        title: news.title,
        content: [
            h(
                "article",
                { class: "article" },
                h(
                    "header",
                    {},
                    h("h1", {}, news.title),
                    h(
                        "p",
                        { class: "news-card__meta" },
                        news.date ? time(news.date) : null,
                        news.rubric
                            ? [" · ", h("a", { href: `#/news?rubric=${encodeURIComponent(news.rubric.slug)}` }, news.rubric.name)]
                            : null,
                    ),
                    news.lead ? h("p", { class: "lead" }, news.lead) : null,
                ),
                news.main_image ? h("figure", { class: "main-image" }, picture(news.main_image, { loading: "eager" })) : null,
                h("div", { class: "article__body" }, (news.body || []).map(renderBlock)),
                news.partners?.length
                    ? h(
                          "section",
                          { class: "news-partners", "aria-labelledby": "news-partners-heading" },
                          h("h2", { id: "news-partners-heading" }, "Библиотеки-партнёры"),
                          h(
                              "ul",
                              { class: "partner-list partner-list--wrap" },
                              news.partners.map((partner) =>
                                  h(
                                      "li",
                                      { class: "partner" },
                                      partner.logo ? h("img", logoAttributes(partner.logo)) : null,
                                      h("span", { class: "partner__name", title: partner.full_name }, partner.short_name),
                                  ),
                              ),
                          ),
                      )
                    : null,
                tags.length
                    ? h(
                          "nav",
                          { class: "tags", "aria-label": "Теги новости" },
                          h(
                              "ul",
                              {},
                              tags.map((tag) =>
                                  h(
                                      "li",
                                      {},
                                      h("a", { href: `#/news?tag=${encodeURIComponent(tag.slug)}`, rel: "tag" }, tag.name),
                                  ),
                              ),
                          ),
                      )
                    : null,
            ),
            decideTogether(news, "after_body"),
            draft ? null : await renderComments(news, settings),
            decideTogether(news, "after_comments"),
            news.related_news?.length
                ? h(
                      "section",
                      { class: "related", "aria-labelledby": "related-heading" },
                      h("h2", { id: "related-heading" }, "Читайте также"),
                      h("ul", { class: "related__list" }, news.related_news.map((item) => h("li", {}, h("a", { href: `#/news/${item.id}` }, item.title)))),
                  )
                : null,
        ],
    };
}

// «Решаем вместе» where the site settings place it on news pages (`decide_together.placement`;
// null: not on news pages), drawn as the home page's section of the same kind.
function decideTogether(news, placement) {
    const block = news.decide_together;
    if (!block || block.placement !== placement) return null;
    return renderSection({ kind: "decide_together", ...block }, "decide");
}

function captionedImage(value) {
    return h(
        "figure",
        { class: "body-image" },
        picture(value.image),
        value.caption ? h("figcaption", {}, value.caption) : null,
    );
}

// One StreamField block of the body, as docs/api.md describes them.
export function renderBlock(block) {
    const value = block.value;
    switch (block.type) {
        case "paragraph":
            return h("div", { class: "rich-text", html: value });
        case "image":
            return captionedImage(value);
        case "gallery":
            return h(
                "section",
                { class: "gallery", "aria-label": value.title || "Галерея" },
                value.title ? h("h2", {}, value.title) : null,
                h("div", { class: "gallery__images" }, value.images.map(captionedImage)),
            );
        case "quote":
            return h(
                "figure",
                { class: "quote" },
                h("blockquote", {}, h("p", {}, value.text)),
                value.author ? h("figcaption", {}, `— ${value.author}`) : null,
            );
        case "video":
            return h(
                "p",
                { class: "video-link" },
                h("a", { href: value.url, rel: "noopener" }, `Смотреть видео: ${value.title || value.url}`),
            );
        case "document":
            return value.document
                ? h(
                      "p",
                      { class: "document-link" },
                      h("a", { href: siteUrl(value.document.url), download: true }, value.title || value.document.title),
                      " ",
                      h("span", { class: "document-link__meta" }, `(${(value.document.extension || "").toUpperCase()})`),
                  )
                : null;
        default:
            return null; // a block type this client does not know yet
    }
}
