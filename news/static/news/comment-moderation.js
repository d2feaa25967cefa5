// Keyboard shortcuts on a comment's moderation page (templates/comments/admin/moderate.html):
// each element with data-moderation-key is clicked by its key. Keys are matched by their
// place on the keyboard (event.code), so Ф, К and Т work in the Russian layout too; «у»
// (удалить) also removes. Nothing happens while typing in a field or with a modifier held.
(function () {
    "use strict";

    const root = document.querySelector("[data-comment-moderation]");
    if (!root) return;

    const KEYS = { KeyA: "a", KeyR: "r", KeyN: "n" };
    const EXTRA = { "у": "r", "У": "r" };

    const targets = {};
    root.querySelectorAll("[data-moderation-key]").forEach((element) => {
        targets[element.dataset.moderationKey] = element;
        element.setAttribute("aria-keyshortcuts", element.dataset.moderationKey.toUpperCase());
    });
    const hint = root.querySelector("[data-moderation-keys]");
    if (hint && Object.keys(targets).length) hint.hidden = false;

    function typing(target) {
        return target.closest("input, textarea, select, [contenteditable]") !== null;
    }

    document.addEventListener("keydown", (event) => {
        if (event.defaultPrevented || event.repeat) return;
        if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
        if (typing(event.target)) return;
        const key = EXTRA[event.key] || KEYS[event.code];
        const target = key && targets[key];
        if (!target) return;
        event.preventDefault();
        target.click();
    });
})();
