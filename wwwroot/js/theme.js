// Applies the saved colour theme before the page paints, and wires the theme switch.
(function () {
  "use strict";
  var key = "sc-theme";
  function preferred() {
    var saved = null;
    try { saved = localStorage.getItem(key); } catch (e) { saved = null; }
    if (saved === "light" || saved === "dark") { return saved; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function apply(theme) {
    document.documentElement.setAttribute("data-bs-theme", theme);
    var button = document.getElementById("theme-toggle");
    if (button) {
      var dark = theme === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      var icon = button.querySelector("i");
      if (icon) { icon.className = dark ? "bi bi-sun" : "bi bi-moon-stars"; }
    }
    document.dispatchEvent(new CustomEvent("sc:theme", { detail: theme }));
  }
  apply(preferred());
  document.addEventListener("DOMContentLoaded", function () {
    apply(preferred());
    var button = document.getElementById("theme-toggle");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var next = document.documentElement.getAttribute("data-bs-theme") === "dark" ? "light" : "dark";
      try { localStorage.setItem(key, next); } catch (e) { /* private mode: the switch still works for this page */ }
      apply(next);
    });
  });
})();
