// Small enhancements only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // "Print" buttons (the registration book, receipts).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // Ask before an action that cannot be undone (deactivate, retire, remove).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
