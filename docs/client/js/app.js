// The router: #/ (home), #/news[?offset=&rubric=&tag=], #/news/<id>, #/pages/<id>. `?api=`
// in the page's own query string stays put, so links between routes keep the chosen site.
// Opened by the admin's preview (?content_type=…&token=…) without a route, it shows the draft.
import { getJSON } from "./api.js";
import { h } from "./dom.js";
import { renderHome } from "./home.js";
import { renderBanner, renderFooter } from "./layout.js";
import { renderNewsList, renderNewsPage } from "./news.js";
import { renderPage } from "./pages.js";
import { PREVIEW, renderPreview } from "./preview.js";

const main = document.getElementById("main");
let settings = null;
let firstRender = true;

function route() {
    if (PREVIEW && !window.location.hash) return () => renderPreview(settings);
    const [path, query = ""] = (window.location.hash.replace(/^#/, "") || "/").split("?");
    const params = new URLSearchParams(query);
    const page = /^\/pages\/(\d+)\/?$/.exec(path);
    if (page) return () => renderPage(page[1], settings);
    const news = /^\/news\/(\d+)\/?$/.exec(path);
    if (news) return () => renderNewsPage(news[1], settings);
    if (/^\/news\/?$/.test(path)) return () => renderNewsList(params);
    if (path === "/" || path === "") return () => renderHome();
    return async () => ({ title: "Страница не найдена", content: [h("h1", {}, "Страница не найдена"), h("p", {}, h("a", { href: "#/" }, "На главную"))] });
}

// Above a draft, and above the refusal of a preview link: the editor knows what this is.
function previewBanner() {
    return h("p", { class: "preview-banner", role: "status", "data-preview-banner": true }, "Предпросмотр черновика");
}

async function show() {
    main.setAttribute("aria-busy", "true");
    const draft = PREVIEW && !window.location.hash;
    let page;
    try {
        settings ??= await getJSON("settings/");
        page = await route()();
    } catch (error) {
        page = {
            title: "Ошибка",
            content: [
                h("h1", {}, draft ? "Черновик не открылся" : "Не удалось показать страницу"),
                h("p", { role: "alert", class: "form-errors", "data-load-error": true }, error.message),
            ],
        };
    }
    main.replaceChildren(...[draft ? previewBanner() : null, ...page.content].filter(Boolean));
    document.documentElement.classList.toggle("in-preview-panel", Boolean(draft && PREVIEW.inPanel));
    document.title = `${page.title} — Библиотека Кузбасса для детей и молодёжи`;
    main.setAttribute("aria-busy", "false");
    // The reader followed a link: start reading (and the screen reader) at the new page.
    if (!firstRender) {
        window.scrollTo(0, 0);
        main.focus();
    }
    firstRender = false;
}

async function start() {
    window.addEventListener("hashchange", show);
    document.querySelector("[data-skip-link]").addEventListener("click", (event) => {
        event.preventDefault(); // #main would be taken for a route
        main.focus();
    });
    await show();
    if (settings) {
        renderBanner(document.querySelector("[data-banner]"), settings);
        renderFooter(document.querySelector("[data-footer]"), settings);
    }
}

start();
