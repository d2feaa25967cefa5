// The router: #/ (home), #/news[?offset=&rubric=&tag=], #/news/<id>. `?api=` in the
// page's own query string stays put, so links between routes keep the chosen site.
import { getJSON } from "./api.js";
import { h } from "./dom.js";
import { renderHome } from "./home.js";
import { renderBanner, renderFooter } from "./layout.js";
import { renderNewsList, renderNewsPage } from "./news.js";

const main = document.getElementById("main");
let settings = null;
let firstRender = true;

function route() {
    const [path, query = ""] = (window.location.hash.replace(/^#/, "") || "/").split("?");
    const params = new URLSearchParams(query);
    const news = /^\/news\/(\d+)\/?$/.exec(path);
    if (news) return () => renderNewsPage(news[1], settings);
    if (/^\/news\/?$/.test(path)) return () => renderNewsList(params);
    if (path === "/" || path === "") return () => renderHome(settings);
    return async () => ({ title: "Страница не найдена", content: [h("h1", {}, "Страница не найдена"), h("p", {}, h("a", { href: "#/" }, "На главную"))] });
}

async function show() {
    main.setAttribute("aria-busy", "true");
    let page;
    try {
        settings ??= await getJSON("settings/");
        page = await route()();
    } catch (error) {
        page = {
            title: "Ошибка",
            content: [h("h1", {}, "Не удалось показать страницу"), h("p", { role: "alert", class: "form-errors", "data-load-error": true }, error.message)],
        };
    }
    main.replaceChildren(...page.content.filter(Boolean));
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
