/* rights: a form with a [data-once] button is sent once, even on a double tap (the server also
   treats a repeated form as the same complaint). Works without this file. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = form.querySelector("[data-once]");
    if (!button) { return; }
    if (form.getAttribute("data-sent") === "1") {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sent", "1");
    button.setAttribute("aria-disabled", "true");
    button.classList.add("is-sending");
  });
  // Back from the receipt page: the browser may show the old form; let it be sent (the server knows it).
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent]").forEach(function (form) { form.removeAttribute("data-sent"); });
  });
})();
