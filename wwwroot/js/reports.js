// Reports: the print button, and only the period fields that apply to the chosen kind of period.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    var period = document.getElementById("period");
    if (!period) { return; }
    var fields = { month: ["month"], quarter: ["quarter"], custom: ["from", "to"] };
    function sync() {
      Object.keys(fields).forEach(function (kind) {
        fields[kind].forEach(function (id) {
          var input = document.getElementById(id);
          if (input) { input.disabled = period.value !== kind; }
        });
      });
    }
    period.addEventListener("change", sync);
    sync();
  });
})();
