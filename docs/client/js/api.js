// The API v2 of one site: its base URL (from `?api=` or config.js) and JSON requests.
import { API_BASE } from "../config.js";

function apiBase() {
    const given = new URLSearchParams(window.location.search).get("api") || API_BASE;
    const base = new URL(given, window.location.href);
    if (!base.pathname.endsWith("/")) base.pathname += "/";
    return base;
}

export const BASE = apiBase();

// The site the API belongs to: slides and promos link to its paths.
export const SITE = BASE.origin;

export class ApiError extends Error {
    constructor(message, status, body) {
        super(message);
        this.status = status;
        this.body = body;
    }
}

export function apiUrl(path, query = {}) {
    const url = new URL(path, BASE);
    for (const [name, value] of Object.entries(query)) {
        if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, value);
    }
    return url;
}

async function readAnswer(response) {
    const body = await response.json().catch(() => null);
    if (!response.ok) {
        const message = (body && body.message) || `Сайт ответил ошибкой ${response.status}.`;
        throw new ApiError(message, response.status, body);
    }
    return body;
}

export async function getJSON(path, query) {
    let response;
    try {
        response = await fetch(apiUrl(path, query), { headers: { Accept: "application/json" } });
    } catch {
        throw new ApiError("Не удалось связаться с сайтом. Проверьте подключение к интернету.", 0);
    }
    return readAnswer(response);
}

export async function postJSON(path, data) {
    let response;
    try {
        response = await fetch(apiUrl(path), {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify(data),
        });
    } catch {
        throw new ApiError("Не удалось связаться с сайтом. Попробуйте отправить ещё раз.", 0);
    }
    return readAnswer(response);
}

// A link to the site: absolute addresses stay, site paths get the site's origin.
export function siteUrl(url) {
    return url ? new URL(url, SITE).href : "";
}
