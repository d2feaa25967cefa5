// One carousel for the top slider and the partners: a page of whole items at a time,
// previous/next buttons and arrow keys, optional rotation with a pause button, and a
// status line for screen readers that speaks only when the reader moves the carousel.
// Without this script the markup stays a plain list that shows every item.
//
// Configured by data attributes on the [data-carousel] element:
//   data-carousel-item-min-rem  narrowest item in rem, so the items per view follow the
//                               width and the text size (version for the visually impaired);
//                               without it one item per view
//   data-carousel-max-per-view  at most this many items per view
//   data-carousel-autoplay      rotate every so many milliseconds (needs a pause button)
//   data-carousel-loop          wrap around at the ends instead of disabling the buttons
//   data-carousel-announce      status text: {range} (e.g. 1–4), {total}, {label} (the first
//                               shown item's aria-label)
// and inside it: [data-carousel-controls] (hidden until enhanced), [data-carousel-prev],
// [data-carousel-next], [data-carousel-pause] (with data-resume-label), [data-carousel-status],
// [data-carousel-track] > [data-carousel-item]; the track's parent clips it (CSS, under
// .carousel--enhanced, the class this script adds).
(function () {
  "use strict";

  var PAUSE_ICON = "❚❚";
  var PLAY_ICON = "▶";

  function setUp(root) {
    var items = Array.prototype.slice.call(root.querySelectorAll("[data-carousel-item]"));
    if (items.length < 2) return;
    var track = root.querySelector("[data-carousel-track]");
    var controls = root.querySelector("[data-carousel-controls]");
    var prevButton = root.querySelector("[data-carousel-prev]");
    var nextButton = root.querySelector("[data-carousel-next]");
    var pauseButton = root.querySelector("[data-carousel-pause]");
    var status = root.querySelector("[data-carousel-status]");
    var itemMinRem = parseFloat(root.getAttribute("data-carousel-item-min-rem"));
    var maxPerView = parseInt(root.getAttribute("data-carousel-max-per-view"), 10) || items.length;
    var interval = parseInt(root.getAttribute("data-carousel-autoplay"), 10);
    var loop = root.hasAttribute("data-carousel-loop");
    var announcement = root.getAttribute("data-carousel-announce") || "";
    var stopLabel = pauseButton ? pauseButton.getAttribute("aria-label") : "";
    var resumeLabel = pauseButton ? pauseButton.getAttribute("data-resume-label") : "";
    var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var autoplay = Boolean(interval && pauseButton);
    var first = 0;
    var perView = 1;
    var timer = null;
    var pausedByReader = reducedMotion;

    root.classList.add("carousel--enhanced");

    function lastStart() {
      return Math.max(0, items.length - perView);
    }

    function measurePerView() {
      if (!itemMinRem) return 1;
      var remPx = parseFloat(window.getComputedStyle(document.documentElement).fontSize);
      var gap = parseFloat(window.getComputedStyle(track).columnGap) || 0;
      var fit = Math.floor((track.clientWidth + gap) / (itemMinRem * remPx + gap));
      return Math.max(1, Math.min(fit, maxPerView, items.length));
    }

    function setDisabled(button, disabled) {
      // aria-disabled, not disabled: the button keeps the focus when it reaches an end.
      if (disabled) button.setAttribute("aria-disabled", "true");
      else button.removeAttribute("aria-disabled");
    }

    // Lays out the page starting at `first`; set from the same place on every change,
    // so the items, the buttons and data-current never disagree.
    function render() {
      root.style.setProperty("--per-view", String(perView));
      items.forEach(function (item, i) {
        var shown = i >= first && i < first + perView;
        // Hidden items keep their place (no change of height between pages) but leave
        // the tab order and the accessibility tree.
        item.style.visibility = shown ? "" : "hidden";
      });
      var offset = items[first].offsetLeft - items[0].offsetLeft;
      track.style.transform = offset ? "translateX(" + -offset + "px)" : "";
      root.setAttribute("data-current", String(first));
      root.setAttribute("data-per-view", String(perView));
      controls.hidden = items.length <= perView;
      if (!loop) {
        setDisabled(prevButton, first === 0);
        setDisabled(nextButton, first >= lastStart());
      }
    }

    function moveTo(start) {
      if (loop) {
        if (start > lastStart()) start = start >= lastStart() + perView ? 0 : lastStart();
        else if (start < 0) start = start <= -perView ? lastStart() : 0;
      }
      first = Math.max(0, Math.min(start, lastStart()));
      render();
    }

    function announce() {
      if (!status) return;
      var last = Math.min(first + perView, items.length);
      status.textContent = announcement
        .replace("{range}", first + 1 === last ? String(last) : first + 1 + "–" + last)
        .replace("{total}", String(items.length))
        .replace("{label}", items[first].getAttribute("aria-label") || "");
    }

    // What the reader asks for: a page back or forward, said aloud, and rotation stops
    // as the reader is now driving.
    function step(direction) {
      if (autoplay) setPaused(true);
      moveTo(first + direction * perView);
      announce();
    }

    function stop() {
      if (timer) window.clearInterval(timer);
      timer = null;
    }

    function start() {
      stop();
      if (autoplay && !pausedByReader) {
        timer = window.setInterval(function () {
          moveTo(first >= lastStart() ? 0 : first + perView);
          if (status) status.textContent = ""; // rotation is never announced
        }, interval);
      }
    }

    function setPaused(paused) {
      pausedByReader = paused;
      // The label alone says the state (WAI-ARIA APG's rotation control), no aria-pressed.
      pauseButton.setAttribute("aria-label", paused ? resumeLabel : stopLabel);
      pauseButton.textContent = paused ? PLAY_ICON : PAUSE_ICON;
      if (paused) stop();
      else start();
    }

    prevButton.addEventListener("click", function () {
      if (prevButton.getAttribute("aria-disabled") !== "true") step(-1);
    });
    nextButton.addEventListener("click", function () {
      if (nextButton.getAttribute("aria-disabled") !== "true") step(1);
    });
    root.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft" && (loop || first > 0)) step(-1);
      if (event.key === "ArrowRight" && (loop || first < lastStart())) step(1);
    });

    if (autoplay) {
      pauseButton.addEventListener("click", function () { setPaused(!pausedByReader); });
      root.addEventListener("mouseenter", stop);
      root.addEventListener("mouseleave", start);
      root.addEventListener("focusin", stop);
      root.addEventListener("focusout", function (event) {
        if (!root.contains(event.relatedTarget)) start();
      });
    } else if (pauseButton) {
      pauseButton.hidden = true;
    }

    function relayout() {
      perView = measurePerView();
      moveTo(first);
    }

    relayout();
    // A new width (window, text size) may fit another number of items per view.
    if ("ResizeObserver" in window) {
      var lastWidth = track.clientWidth;
      new ResizeObserver(function () {
        if (track.clientWidth === lastWidth) return;
        lastWidth = track.clientWidth;
        relayout();
      }).observe(root);
    } else {
      window.addEventListener("resize", relayout);
    }
    if (autoplay) setPaused(pausedByReader);
  }

  document.querySelectorAll("[data-carousel]").forEach(setUp);
})();
