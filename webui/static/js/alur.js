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
