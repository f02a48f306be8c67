/* gigmarket: small progressive enhancements; every page works without this file. */
(function () {
  "use strict";
  // Buttons with data-confirm ask before submitting (e.g. irreversible actions).
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // Print buttons (registration slips, receipts).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });
})();
