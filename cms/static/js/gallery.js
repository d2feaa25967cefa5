// Opens a gallery's photos in a modal viewer (the native <dialog>): the photo large, its
// description and caption, «n из N», previous/next buttons and arrow keys, Esc or «Закрыть».
// Focus goes into the viewer and, on close, back to the thumbnail of the photo last shown.
// Without this script each thumbnail is a plain link to the photo full size.
(function () {
  "use strict";

  if (typeof HTMLDialogElement !== "function") return; // links keep working

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // A button whose visible words are its name; the arrow beside them is not read out.
  function button(className, words, arrow, arrowFirst) {
    var node = element("button", className);
    node.type = "button";
    var icon = element("span", "", arrow);
    icon.setAttribute("aria-hidden", "true");
    var label = document.createTextNode(words);
    if (arrowFirst) node.append(icon, " ", label); else node.append(label, " ", icon);
    return node;
  }

  function buildViewer(title) {
    var dialog = element("dialog", "viewer");
    dialog.setAttribute("aria-label", title ? "Фотографии: " + title : "Просмотр фотографий");
    var box = element("div", "viewer__box");
    var bar = element("div", "viewer__bar");
    var counter = element("p", "viewer__counter");
    counter.setAttribute("aria-live", "polite");
    var close = button("viewer__close", "Закрыть", "✕", false);
    bar.append(counter, close);
    var figure = element("figure", "viewer__figure");
    var image = element("img", "viewer__image");
    var alt = element("span", "vision-alt viewer__alt");
    var caption = element("figcaption", "viewer__caption");
    figure.append(image, alt, caption);
    var nav = element("div", "viewer__nav");
    var previous = button("viewer__previous", "Предыдущее фото", "←", true);
    var next = button("viewer__next", "Следующее фото", "→", false);
    nav.append(previous, next);
    box.append(bar, figure, nav);
    dialog.append(box);
    return {
      dialog: dialog, counter: counter, close: close, image: image, alt: alt,
      caption: caption, previous: previous, next: next, nav: nav
    };
  }

  function setUp(gallery) {
    if (gallery.hasAttribute("data-gallery-ready")) return; // the script is on the page twice
    gallery.setAttribute("data-gallery-ready", "");
    var links = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-item]"));
    if (!links.length) return;
    var heading = gallery.querySelector("h2");
    var viewer = buildViewer(heading ? heading.textContent.trim() : "");
    var current = 0;
    viewer.nav.hidden = links.length < 2;
    gallery.append(viewer.dialog);

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var description = link.getAttribute("data-alt") || "";
      viewer.image.src = link.href;
      viewer.image.alt = description;
      // The photo's own size, so the box keeps its shape while the file loads.
      viewer.image.setAttribute("width", link.getAttribute("data-width") || "");
      viewer.image.setAttribute("height", link.getAttribute("data-height") || "");
      viewer.alt.textContent = description;
      var caption = link.getAttribute("data-caption") || "";
      viewer.caption.textContent = caption;
      viewer.caption.hidden = !caption;
      viewer.counter.textContent = (current + 1) + " из " + links.length;
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        show(index);
        viewer.dialog.showModal();
        viewer.close.focus();
      });
    });
    viewer.previous.addEventListener("click", function () { show(current - 1); });
    viewer.next.addEventListener("click", function () { show(current + 1); });
    viewer.close.addEventListener("click", function () { viewer.dialog.close(); });
    viewer.dialog.addEventListener("keydown", function (event) {
      if (links.length < 2) return;
      if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
      if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
    });
    // A click on the backdrop (outside the viewer's box) closes it too.
    viewer.dialog.addEventListener("click", function (event) {
      if (event.target === viewer.dialog) viewer.dialog.close();
    });
    viewer.dialog.addEventListener("close", function () {
      viewer.image.removeAttribute("src");
      links[current].focus();
    });
  }

  document.querySelectorAll("[data-gallery]").forEach(setUp);
})();
