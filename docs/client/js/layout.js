// What every page shares, from the site settings: the banner and the footer's contacts.
import { siteUrl } from "./api.js";
import { h } from "./dom.js";

export function renderBanner(place, settings) {
    const banner = settings.banner;
    if (!banner || !banner.enabled) return;
    const image = banner.image?.renditions?.thumbnail_webp;
    place.replaceChildren(
        h(
            "a",
            { class: "banner", href: siteUrl(banner.url) || undefined, rel: "noopener" },
            image ? h("img", { src: image.url, alt: "", width: 48, height: 30 }) : null,
            h("span", {}, banner.text || "Пушкинская карта"),
        ),
    );
}

export function renderFooter(place, settings) {
    const contacts = settings.contacts || {};
    const social = settings.social || {};
    const networks = [
        ["vk", "ВКонтакте"],
        ["telegram", "Telegram"],
        ["ok", "Одноклассники"],
    ].filter(([key]) => social[key]);
    const phone = (contacts.phone || "").replace(/[\s()-]/g, "");
    const parts = [
        h(
            "section",
            { "aria-labelledby": "footer-contacts" },
            h("h2", { id: "footer-contacts", class: "site-footer__heading" }, "Контакты"),
            h(
                "address",
                { "data-contacts": true },
                contacts.address ? h("p", {}, contacts.address) : null,
                contacts.phone ? h("p", {}, "Телефон: ", h("a", { href: `tel:${phone}` }, contacts.phone)) : null,
                contacts.email
                    ? h("p", {}, "Почта: ", h("a", { href: `mailto:${contacts.email}` }, contacts.email))
                    : null,
            ),
            contacts.opening_hours ? h("p", { class: "site-footer__hours" }, contacts.opening_hours) : null,
        ),
        networks.length
            ? h(
                  "nav",
                  { "aria-labelledby": "footer-social" },
                  h("h2", { id: "footer-social", class: "site-footer__heading" }, "Мы в соцсетях"),
                  h("ul", {}, networks.map(([key, label]) => h("li", {}, h("a", { href: social[key], rel: "noopener" }, label)))),
              )
            : null,
        h(
            "div",
            {},
            h("p", {}, "Данные и тексты — с сайта ", h("a", { href: siteUrl("/") }, new URL(siteUrl("/")).host), " через его API."),
            settings.policy_url
                ? h("p", {}, h("a", { href: siteUrl(settings.policy_url) }, "Политика обработки персональных данных"))
                : null,
            h("p", { class: "age-mark", title: "Возрастная маркировка по 436-ФЗ" }, settings.age_mark || "0+"),
        ),
    ];
    place.replaceChildren(...parts.filter(Boolean));
}
