// Building the page: elements from data (text is always text), images, dates in Russian.

// h("a", {href, class: "x"}, "text", child…): attributes set, children appended as nodes
// or as text; `html` sets markup the API documents as HTML (rich text, comment text).
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === "html") element.innerHTML = value;
        else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
        else element.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) {
        if (child === undefined || child === null || child === false || child === "") continue;
        element.append(child instanceof Node ? child : String(child));
    }
    return element;
}

// An image of the API's one shape as <picture>: WebP first, JPEG for the rest.
// `sizes` names the renditions to offer: "card" (the 400×250 crop) or "wide".
export function picture(image, { kind = "wide", className, loading = "lazy", alt } = {}) {
    if (!image || !image.renditions) return null;
    const r = image.renditions;
    const names = kind === "card" ? ["thumbnail"] : ["medium", "large"];
    const set = (format) =>
        names
            .map((name) => r[`${name}_${format}`])
            .filter(Boolean)
            .map((rendition) => `${rendition.url} ${rendition.width}w`)
            .join(", ");
    const fallback = r[`${names[0]}_jpeg`];
    const sizes = kind === "card" ? "(max-width: 700px) 100vw, 400px" : "(max-width: 1000px) 100vw, 960px";
    return h(
        "picture",
        { class: className },
        h("source", { type: "image/webp", srcset: set("webp"), sizes }),
        h("img", {
            src: fallback.url,
            srcset: set("jpeg"),
            sizes,
            width: fallback.width,
            height: fallback.height,
            alt: alt ?? image.alt ?? "",
            loading,
        }),
    );
}

const MONTHS = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
];

// "2023-06-01" → "1 июня 2023"; "2026-11-26T08:39:33+07:00" → "26 ноября 2026, 08:39",
// read as written: the API gives times in the site's zone, which is the reader's too.
export function russianDate(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value || "");
    if (!match) return value || "";
    const [, year, month, day, hours, minutes] = match;
    const date = `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
    return hours ? `${date}, ${hours}:${minutes}` : date;
}

export function time(value) {
    return h("time", { datetime: value }, russianDate(value));
}

// "1 комментарий", "2 комментария", "5 комментариев".
export function plural(count, one, few, many) {
    const tens = count % 100;
    const units = count % 10;
    if (tens >= 11 && tens <= 14) return `${count} ${many}`;
    if (units === 1) return `${count} ${one}`;
    if (units >= 2 && units <= 4) return `${count} ${few}`;
    return `${count} ${many}`;
}
