// Small enhancements only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // "Print" buttons (the registration book, receipts).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // A form that files something is sent once: a second tap waits for the first answer.
  document.querySelectorAll("button[data-once]").forEach(function (button) {
    button.form.addEventListener("submit", function (event) {
      if (button.form.dataset.sent) { event.preventDefault(); return; }
      button.form.dataset.sent = "true";
      button.setAttribute("aria-disabled", "true");
    });
  });
  // "Copy" buttons next to a field (the private tracking link).
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.querySelector(button.getAttribute("data-copy"));
    if (!field || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = button.getAttribute("data-copied");
      });
    });
  });
  // The private tracking link carries the secret in its fragment (never sent to the server):
  // put it in the tracking form, drop it from the address bar and open the report.
  var secret = /^#rahasia=([A-Za-z0-9%-]+)$/.exec(window.location.hash);
  var trackForm = document.querySelector("form[data-track]");
  if (secret && trackForm) {
    trackForm.querySelector("[name=secret]").value = decodeURIComponent(secret[1]);
    history.replaceState(null, "", window.location.pathname + window.location.search);
    trackForm.submit();
  }
  // Ask before an action that cannot be undone (deactivate, retire, remove).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
