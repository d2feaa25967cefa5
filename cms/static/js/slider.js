// Turns the slide list into a carousel: one slide at a time, prev/next/pause buttons,
// arrow keys, rotation that stops on pause, hover or focus, and never runs when the
// reader prefers reduced motion. Without this script every slide stays reachable.
(function () {
  "use strict";

  function setUp(slider) {
    var slides = Array.prototype.slice.call(slider.querySelectorAll("[data-slide]"));
    if (slides.length < 2) return;
    var controls = slider.querySelector(".slider__controls");
    var pauseButton = slider.querySelector("[data-slider-pause]");
    var interval = parseInt(slider.getAttribute("data-interval"), 10) || 7000;
    var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var current = 0;
    var timer = null;
    var pausedByReader = reducedMotion;
    var track = slider.querySelector(".slider__track");

    slider.classList.add("slider--enhanced");
    controls.hidden = false;

    function show(index) {
      current = (index + slides.length) % slides.length;
      slides.forEach(function (slide, i) {
        var active = i === current;
        slide.hidden = !active;
        slide.setAttribute("aria-hidden", active ? "false" : "true");
      });
      slider.setAttribute("data-current", String(current));
    }

    function stop() {
      if (timer) window.clearInterval(timer);
      timer = null;
    }

    function start() {
      stop();
      if (!pausedByReader) {
        timer = window.setInterval(function () { show(current + 1); }, interval);
      }
    }

    function setPaused(paused) {
      pausedByReader = paused;
      pauseButton.setAttribute("aria-label", paused ? "Запустить прокрутку слайдов" : "Остановить прокрутку слайдов");
      pauseButton.textContent = paused ? "▶" : "❚❚";
      pauseButton.setAttribute("aria-pressed", paused ? "true" : "false");
      // Announce slide changes only while the reader drives the carousel.
      track.setAttribute("aria-live", paused ? "polite" : "off");
      if (paused) stop(); else start();
    }

    slider.querySelector("[data-slider-prev]").addEventListener("click", function () {
      setPaused(true);
      show(current - 1);
    });
    slider.querySelector("[data-slider-next]").addEventListener("click", function () {
      setPaused(true);
      show(current + 1);
    });
    pauseButton.addEventListener("click", function () { setPaused(!pausedByReader); });
    slider.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { setPaused(true); show(current - 1); }
      if (event.key === "ArrowRight") { setPaused(true); show(current + 1); }
    });
    slider.addEventListener("mouseenter", stop);
    slider.addEventListener("mouseleave", start);
    slider.addEventListener("focusin", stop);
    slider.addEventListener("focusout", function (event) {
      if (!slider.contains(event.relatedTarget)) start();
    });

    show(0);
    setPaused(pausedByReader);
  }

  document.querySelectorAll("[data-slider]").forEach(setUp);
})();
