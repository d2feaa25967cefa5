// Draft preview (docs/api.md «Preview»): the admin's «Предпросмотр» opens this client with
// ?content_type=…&token=… (and in_preview_panel=true in the editor's panel). The draft comes
// from /page_preview/ in the shape of the live item and is drawn by the live item's renderer.
import { getJSON } from "./api.js";
import { snippetView } from "./home.js";
import { pageView } from "./pages.js";

const params = new URLSearchParams(window.location.search);

export const PREVIEW = params.get("content_type") && params.get("token")
    ? { contentType: params.get("content_type"), token: params.get("token"), inPanel: params.has("in_preview_panel") }
    : null;

// content_type of a snippet → the home section that shows it, and the page's title.
const SNIPPETS = {
    "cms.slide": { kind: "slides", title: (slide) => `Слайд: ${slide.title}` },
    "cms.promoblock": { kind: "promos", title: (promo) => `Промоблок: ${promo.title}` },
    "partners.partner": { kind: "partners", title: (partner) => `Партнёр: ${partner.short_name}` },
};

export async function renderPreview(settings) {
    // The API's Russian refusal (an invalid or expired token) is thrown as it answered it.
    const draft = await getJSON("page_preview/", { content_type: PREVIEW.contentType, token: PREVIEW.token });
    const snippet = SNIPPETS[PREVIEW.contentType];
    if (snippet) return snippetView(snippet.kind, draft, snippet.title(draft));
    return pageView(draft, settings, { draft: true });
}
