// A news page's comments: the shown threads (replies nested as the API gives them) and
// the guest's form, which POSTs to /comments/ and shows the API's answer or field errors.
import { ApiError, getJSON, postJSON, siteUrl } from "./api.js";
import { h, plural, time } from "./dom.js";

const THREADS_PER_REQUEST = 20;
// Replies go this deep on a site with the default COMMENTS_THREAD_DEPTH (3); a deeper
// reply would get the API's error under `reply_to`.
const MAX_LEVEL = 2;

export async function renderComments(news, settings) {
    if (news.comment_count === null || news.comment_count === undefined) return null; // switched off
    const section = h(
        "section",
        { class: "comments", id: "comments", "aria-labelledby": "comments-heading" },
        h("h2", { id: "comments-heading" }, `Комментарии (${news.comment_count})`),
    );
    const list = h("ol", { class: "comment-list" });
    const form = commentForm(news, settings);
    const answer = (comment) => form.replyTo(comment);
    const loadMore = async (offset) => {
        const page = await getJSON("comments/", { page: news.id, limit: THREADS_PER_REQUEST, offset });
        list.append(...page.items.map((thread) => commentItem(thread, answer)));
        const shown = offset + page.items.length;
        if (shown < page.meta.total_count) {
            const more = h("button", { type: "button", class: "button button--secondary" }, "Показать ещё комментарии");
            more.addEventListener("click", async () => {
                more.remove();
                await loadMore(shown);
            });
            list.after(more);
        }
        return page.meta.total_count;
    };
    section.append(list);
    const threads = await loadMore(0);
    if (!threads) list.replaceWith(h("p", { class: "comments__empty" }, "Здесь ещё нет оставленных комментариев."));
    else list.before(h("p", { class: "comments__summary" }, plural(news.comment_count, "комментарий", "комментария", "комментариев")));
    section.append(form.element);
    return section;
}

function commentItem(comment, answer) {
    const anchor = `c${comment.id}`;
    return h(
        "li",
        {
            class: `comment comment--level-${comment.level}${comment.is_official ? " comment--official" : ""}`,
            id: anchor,
            "data-comment": comment.id,
        },
        h(
            "article",
            { "aria-labelledby": `${anchor}-author` },
            h(
                "header",
                { class: "comment__header" },
                h("span", { class: "comment__author", id: `${anchor}-author` }, comment.author),
                " ",
                comment.is_official ? [h("span", { class: "comment__badge" }, "официальный ответ"), " "] : null,
                h("a", { class: "comment__date", href: comment.html_url }, time(comment.date)),
                comment.place
                    ? h(
                          "span",
                          { class: "comment__place" },
                          " Место: ",
                          comment.place.map_url
                              ? h("a", { href: comment.place.map_url, rel: "nofollow noopener" }, comment.place.name || "на карте")
                              : comment.place.name,
                      )
                    : null,
            ),
            h("div", { class: "comment__text", html: comment.text_html }),
            comment.attachments.length
                ? h(
                      "ul",
                      { class: "comment__files", "aria-label": "Вложения" },
                      comment.attachments.map((file, index) =>
                          h(
                              "li",
                              {},
                              file.kind === "image"
                                  ? h(
                                        "a",
                                        { href: file.url },
                                        h("img", {
                                            src: file.thumbnail_url,
                                            alt: `Вложение ${index + 1} к комментарию`,
                                            width: 160,
                                            height: Math.round((160 * file.height) / file.width) || 160,
                                            loading: "lazy",
                                        }),
                                    )
                                  : h("a", { href: file.url }, `PDF: ${file.name}`),
                          ),
                      ),
                  )
                : null,
            comment.level < MAX_LEVEL
                ? h(
                      "button",
                      { type: "button", class: "comment__reply", "aria-label": `Ответить: ${comment.author}`, onclick: () => answer(comment) },
                      "Ответить",
                  )
                : null,
        ),
        comment.replies.length ? h("ol", { class: "comment-list" }, comment.replies.map((reply) => commentItem(reply, answer))) : null,
    );
}

// The fields the API takes from a guest, with the page form's labels.
const FIELDS = [
    { name: "name", label: "Имя", type: "text", required: true, autocomplete: "name", maxlength: 50 },
    { name: "email", label: "Электронная почта", type: "email", required: true, autocomplete: "email", help: "Не показывается на сайте." },
    { name: "comment", label: "Комментарий", type: "textarea", required: true, maxlength: 3000, help: "До 3000 знаков." },
    { name: "place_name", label: "Место", type: "text", maxlength: 100, help: "Необязательно: город или район." },
];

function field(spec) {
    const id = `comment-${spec.name}`;
    const control =
        spec.type === "textarea"
            ? h("textarea", { id, name: spec.name, rows: 5, maxlength: spec.maxlength, required: spec.required })
            : h("input", { id, name: spec.name, type: spec.type, autocomplete: spec.autocomplete, maxlength: spec.maxlength, required: spec.required });
    if (spec.help) control.setAttribute("aria-describedby", `${id}-help`);
    return h(
        "div",
        { class: "form-field", "data-field": spec.name },
        h("label", { for: id }, spec.label, spec.required ? h("span", { "aria-hidden": "true" }, " *") : null),
        control,
        spec.help ? h("p", { class: "form-field__help", id: `${id}-help` }, spec.help) : null,
    );
}

function commentForm(news, settings) {
    const summary = h("div", { class: "form-errors", id: "comment-form-errors", role: "alert", tabindex: -1, hidden: true });
    const notice = h("p", { class: "notice", role: "status", "data-comment-notice": true });
    const replyNote = h("p", { class: "comment-form__reply", hidden: true });
    const policy = settings.policy_url
        ? [" в соответствии с ", h("a", { href: siteUrl(settings.policy_url) }, "политикой обработки персональных данных")]
        : null;
    const consent = h(
        "div",
        { class: "form-field form-field--checkbox", "data-field": "consent" },
        h("input", { type: "checkbox", id: "comment-consent", name: "consent", required: true }),
        h("label", { for: "comment-consent" }, "Я даю согласие на обработку моих персональных данных", policy, " (152-ФЗ)", h("span", { "aria-hidden": "true" }, " *")),
    );
    const followup = h(
        "div",
        { class: "form-field form-field--checkbox", "data-field": "followup" },
        h("input", { type: "checkbox", id: "comment-followup", name: "followup" }),
        h("label", { for: "comment-followup" }, "Сообщать мне по почте об ответах и публикации"),
    );
    // Left empty by people; a bot that fills every field marks its comment as spam.
    const honeypot = h(
        "div",
        { class: "form-field--honeypot", "aria-hidden": "true" },
        h("label", { for: "comment-honeypot" }, "Не заполняйте это поле"),
        h("input", { type: "text", id: "comment-honeypot", name: "honeypot", tabindex: -1, autocomplete: "off" }),
    );
    const submit = h("button", { type: "submit", class: "button" }, "Отправить комментарий");
    const form = h("form", { novalidate: true, "data-comment-form": true }, FIELDS.map(field), honeypot, followup, consent, submit);
    let replyTo = 0;

    const clearErrors = () => {
        summary.hidden = true;
        summary.replaceChildren();
        for (const box of form.querySelectorAll("[data-field]")) {
            box.classList.remove("form-field--error");
            box.querySelector(".form-field__errors")?.remove();
            const control = box.querySelector("input, textarea");
            control.removeAttribute("aria-invalid");
            const described = (control.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.endsWith("-errors"));
            if (described.length) control.setAttribute("aria-describedby", described.join(" "));
            else control.removeAttribute("aria-describedby");
        }
    };

    // The API's Russian messages: next to their fields, and all of them in the summary.
    const showErrors = (message, errors) => {
        const items = [];
        for (const [name, messages] of Object.entries(errors || {})) {
            const box = form.querySelector(`[data-field="${name}"]`);
            if (!box) {
                items.push(...messages.map((text) => h("li", {}, text)));
                continue;
            }
            const control = box.querySelector("input, textarea");
            const errorsId = `${control.id}-errors`;
            box.classList.add("form-field--error");
            box.append(h("ul", { class: "form-field__errors", id: errorsId }, messages.map((text) => h("li", {}, text))));
            control.setAttribute("aria-invalid", "true");
            control.setAttribute("aria-describedby", [control.getAttribute("aria-describedby"), errorsId].filter(Boolean).join(" "));
            items.push(...messages.map((text) => h("li", {}, h("a", { href: `#${control.id}` }, text))));
        }
        summary.replaceChildren(h("p", { class: "form-errors__title" }, `Комментарий не отправлен. ${message}`), items.length ? h("ul", {}, items) : null);
        summary.hidden = false;
        summary.focus();
    };

    form.addEventListener("submit", async (event) => {
        event.preventDefault();
        clearErrors();
        notice.textContent = "";
        const data = Object.fromEntries(FIELDS.map(({ name }) => [name, form.elements[name].value]));
        Object.assign(data, {
            page: news.id,
            reply_to: replyTo,
            consent: form.elements.consent.checked,
            followup: form.elements.followup.checked,
        });
        if (form.elements.honeypot.value) data.honeypot = form.elements.honeypot.value;
        submit.disabled = true;
        try {
            const answer = await postJSON("comments/", data);
            notice.textContent =
                answer.status === "published" ? `${answer.message}.` : `${answer.message}. Он появится здесь после проверки.`;
            form.reset();
            setReply(null);
            notice.focus();
        } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            showErrors(error.message, error.body?.errors);
        } finally {
            submit.disabled = false;
        }
    });

    const heading = h("h3", { id: "comment-form-heading" }, "Оставить комментарий");
    const cancel = h("button", { type: "button", class: "link-button", onclick: () => setReply(null) }, "Отменить ответ");
    const setReply = (comment) => {
        replyTo = comment ? comment.id : 0;
        heading.textContent = comment ? `Ответ на комментарий: ${comment.author}` : "Оставить комментарий";
        replyNote.hidden = !comment;
        replyNote.replaceChildren(...(comment ? [cancel] : []));
    };
    notice.tabIndex = -1;
    const element = h(
        "div",
        { class: "comment-form", id: "comment-form", "aria-labelledby": "comment-form-heading", role: "region" },
        heading,
        replyNote,
        h("p", { class: "comment-form__moderation" }, "Комментарии публикуются после проверки модератором. Адрес почты на сайте не показывается."),
        notice,
        summary,
        form,
    );
    return {
        element,
        replyTo(comment) {
            setReply(comment);
            element.scrollIntoView();
            form.elements.name.focus();
        },
    };
}
