// Starts the Gosuslugi feedback widget (its script.min.js is loaded just before this file)
// with the id an editor set, which the page passes in data-pos-widget-id. A file rather than
// an inline script, so the site's Content-Security-Policy needs no 'unsafe-inline'.
(function () {
    "use strict";
    var wrapper = document.querySelector("[data-pos-widget-id]");
    if (wrapper && typeof window.Widget === "function") {
        window.Widget("https://pos.gosuslugi.ru/form", Number(wrapper.dataset.posWidgetId));
    }
})();
