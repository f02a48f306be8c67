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

/* rights: mark what the chosen kind of complaint needs (e.g. unpaid wages: the amount and how
   many people) as soon as it is ticked. The server marks the same for the kind it was sent and
   names everything missing at once, so the page works without this file. */
(function () {
  "use strict";
  function mark(form) {
    var chosen = form.querySelector("input[name=kind]:checked");
    var kind = chosen ? chosen.value : "";
    var job = form.querySelector("input[name=job]");
    form.querySelectorAll("[data-required-for]").forEach(function (input) {
      var needed = (input.getAttribute("data-required-for") || "").split(" ").indexOf(kind) !== -1;
      if (input.name === "respondent_text" && job && job.value) { needed = false; }
      input.required = needed;
      input.setAttribute("aria-required", needed ? "true" : "false");
      var label = form.querySelector("label[for='" + input.id + "']");
      if (!label) { return; }
      var star = label.querySelector(".required");
      if (needed && !star) {
        star = document.createElement("span");
        star.className = "required";
        star.setAttribute("aria-hidden", "true");
        star.textContent = "*";
        label.appendChild(document.createTextNode(" "));
        label.appendChild(star);
      } else if (!needed && star) {
        star.remove();
      }
    });
  }
  document.querySelectorAll("form.complaint-form").forEach(function (form) {
    mark(form);
    form.addEventListener("change", function (event) {
      if (event.target.name === "kind") { mark(form); }
    });
  });
})();
