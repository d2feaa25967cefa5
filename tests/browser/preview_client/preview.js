// A stand-in for an external front end: it shows the draft that the admin's Preview sends
// it to, read from the API with the token in its own address (docs/api.md, «Preview»).
import { API_ROOT } from "./config.js";

const params = new URLSearchParams(window.location.search);
const query = new URLSearchParams({
    content_type: params.get("content_type") ?? "",
    token: params.get("token") ?? "",
});
const response = await fetch(`${API_ROOT}/api/v2/page_preview/?${query}`);
const data = await response.json();
const state = document.getElementById("state");
if (response.ok) {
    const article = document.querySelector("article");
    article.querySelector("h1").textContent = data.title;
    article.querySelector(".lead").textContent = data.lead ?? "";
    article.hidden = false;
    state.textContent = params.get("in_preview_panel") ? "Черновик (в редакторе)" : "Черновик";
} else {
    state.textContent = data.message;
}
