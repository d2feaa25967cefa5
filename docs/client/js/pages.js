// A page by its id (#/pages/<id>), with the renderer of its type: news, the home page, or
// the simple one for the rest (a standard page's title, lead and body; another type's intro).
import { getJSON } from "./api.js";
import { h } from "./dom.js";
import { homeView } from "./home.js";
import { newsView, renderBlock } from "./news.js";

export async function renderPage(id, settings) {
    return pageView(await getJSON(`pages/${id}/`, { fields: "*" }), settings);
}

// A page's detail (`/pages/<id>/` or a draft preview), chosen by its meta.type.
export async function pageView(page, settings, options) {
    if (page.meta.type === "news.NewsPage") return newsView(page, settings, options);
    if (page.meta.type === "home.HomePage") return homeView(page);
    return standardView(page);
}

export function standardView(page) {
    const lead = page.lead || page.intro;
    return {
        title: page.title,
        content: [
            h(
                "article",
                { class: "article", "data-page-type": page.meta.type },
                h("header", {}, h("h1", {}, page.title), lead ? h("p", { class: "lead" }, lead) : null),
                page.body?.length ? h("div", { class: "article__body" }, page.body.map(renderBlock)) : null,
            ),
        ],
    };
}
