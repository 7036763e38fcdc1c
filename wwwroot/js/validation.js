// Mirrors the server's validation in the browser; the server stays the judge.
(function () {
  "use strict";
  if (!window.aspnetValidation) { return; }
  var service = new window.aspnetValidation.ValidationService();
  service.bootstrap({ watch: true });
})();
