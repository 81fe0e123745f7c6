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
  // Form fields that belong to one answer (the verification's decision): shown with it, named
  // after it, and a confirmation before sending an answer that cannot be undone.
  function chosen(form, name) {
    var input = form.querySelector("[name$='" + name + "']:checked, select[name$='" + name + "']");
    return input ? input.value : "";
  }
  // A task's form, or the form editor's preview: a fieldset outside any form, shown as the
  // officer would see it.
  function formOf(field) {
    return field.closest("form") || field.parentElement.closest("fieldset") || document.body;
  }
  function showWhen(field) {
    var rule = JSON.parse(field.getAttribute("data-show-when"));
    var titles = JSON.parse(field.getAttribute("data-title-when") || "{}");
    var label = field.querySelector("label");
    var answer = "";
    field.hidden = !Object.keys(rule).every(function (name) {
      answer = chosen(formOf(field), name);
      return rule[name].indexOf(answer) >= 0;
    });
    if (label && titles[answer]) { label.firstChild.nodeValue = titles[answer]; }
  }
  function showWhenIn(root) { root.querySelectorAll("[data-show-when]").forEach(showWhen); }
  showWhenIn(document);
  document.addEventListener("change", function () { showWhenIn(document); });
  // The preview is drawn again as the analyst types.
  document.querySelectorAll("fieldset.form-preview").forEach(function (preview) {
    new MutationObserver(function () { showWhenIn(preview); }).observe(preview, {childList: true});
  });
  document.querySelectorAll("[data-confirm-when]").forEach(function (field) {
    var questions = JSON.parse(field.getAttribute("data-confirm-when"));
    var form = field.closest("form");
    if (!form) { return; }  // the form editor's preview is never sent
    form.addEventListener("submit", function (event) {
      var checked = field.querySelector("input:checked, select");
      var question = checked && questions[checked.value];
      if (question && !window.confirm(question)) { event.preventDefault(); }
    });
  });
  // Ask before an action that cannot be undone (deactivate, retire, remove).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // The same for one button of a form whose other buttons need no question (move vs. dry run).
  document.querySelectorAll("button[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // A "choose all" box ticks the row boxes it stands for, and a row unticked leaves "all".
  document.querySelectorAll("input[data-ticks]").forEach(function (all) {
    var rows = all.form.querySelectorAll("input[name='" + all.getAttribute("data-ticks") + "']");
    all.addEventListener("change", function () {
      rows.forEach(function (row) { row.checked = all.checked; });
    });
    rows.forEach(function (row) {
      row.addEventListener("change", function () { if (!row.checked) { all.checked = false; } });
    });
  });
  // "Mungkin sudah dilaporkan": published reports like the one being written.
  var similar = document.querySelector("[data-similar-url]");
  var title = document.getElementById("f-title");
  var body = document.getElementById("f-description");
  if (similar && title) {
    var timer = null;
    var lastQuery = "";
    var look = function () {
      var query = "judul=" + encodeURIComponent(title.value) +
        "&isi=" + encodeURIComponent(body ? body.value : "");
      if (query === lastQuery) { return; }
      lastQuery = query;
      fetch(similar.getAttribute("data-similar-url") + "?" + query, {headers: {"Accept": "application/json"}})
        .then(function (answer) { return answer.ok ? answer.json() : {reports: []}; })
        .then(function (found) {
          var list = similar.querySelector("ul");
          list.textContent = "";
          found.reports.forEach(function (report) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = report.url;
            link.target = "_blank";
            link.rel = "noopener";
            link.textContent = report.title;
            item.appendChild(link);
            item.appendChild(document.createTextNode(" · " + report.status + " · " + report.tracking_code));
            list.appendChild(item);
          });
          similar.hidden = found.reports.length === 0;
        })
        .catch(function () { similar.hidden = true; });
    };
    var later = function () { clearTimeout(timer); timer = setTimeout(look, 700); };
    title.addEventListener("input", later);
    if (body) { body.addEventListener("input", later); }
  }
});
