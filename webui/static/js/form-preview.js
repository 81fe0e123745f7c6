// Live preview of an edited form, rendered by the server with the officers' renderer.
(function () {
  "use strict";
  var form = document.getElementById("form-editor");
  if (!form) { return; }
  var timer = null;
  var error = document.getElementById("preview-error");
  var preview = document.getElementById("form-preview");

  function refresh() {
    // The boxes go as typed: the server reads them and says what is wrong in words (the
    // browser's own JSON messages are English parser text).
    var body = { key: form.dataset.key, schema_text: document.getElementById("form-schema").value,
                 ui_text: document.getElementById("form-ui").value };
    fetch(form.dataset.previewUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": form.dataset.csrf },
      body: JSON.stringify(body)
    }).then(function (response) { return response.json(); }).then(function (data) {
      error.hidden = data.ok;
      error.textContent = data.ok ? "" : data.error;
      if (data.ok) { preview.innerHTML = data.html; }
    });
  }

  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  });
})();
