// Small behaviours shared by every page. No inline script anywhere: the Content-Security-Policy forbids it.
(function () {
  "use strict";

  // htmx requests carry the antiforgery token from the page.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name='__RequestVerificationToken']");
    if (token) { event.detail.headers["X-CSRF-TOKEN"] = token.value; }
  });

  // Forms that should not be submitted twice disable their submit buttons once sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-once")) { return; }
    if (form.dataset.submitted === "true") { event.preventDefault(); return; }
    window.setTimeout(function () {
      if (event.defaultPrevented) { return; }
      form.dataset.submitted = "true";
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    }, 0);
  });

  // Local times: <time data-local datetime="..."> shows the reader's own clock.
  function localise(root) {
    (root || document).querySelectorAll("time[data-local]").forEach(function (el) {
      var value = new Date(el.getAttribute("datetime"));
      if (!isNaN(value)) {
        el.title = value.toLocaleString();
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { localise(document); });
  document.addEventListener("htmx:afterSwap", function (event) { localise(event.target); });
})();
