// The analysts' modeler: bpmn-js with its properties panel, dmn-js for decision tables, a side
// form for user tasks and timers, saving drafts and showing the problems found on save.
(function () {
  "use strict";
  var app = document.getElementById("modeler-app");
  if (!app || !window.BpmnJS) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var panel = window.BpmnJSPropertiesPanel;
  var texts = JSON.parse(app.dataset.texts || "{}");
  var text = function (key, values) {
    return (texts[key] || key).replace(/\{(\w+)\}/g, function (_m, name) {
      return String((values || {})[name]);
    });
  };
  var state = { files: {}, current: null, source: JSON.parse(app.dataset.source || "{}"),
                formKeys: [], dateVariables: [], problems: [] };
  var bpmn = new window.BpmnJS({
    container: "#canvas",
    propertiesPanel: { parent: "#properties",
                       layout: { groups: { general: { open: true } } } },
    additionalModules: [window.AlurModelerI18n.module].concat(
      panel ? [panel.BpmnPropertiesPanelModule, panel.BpmnPropertiesProviderModule] : []),
    moddleExtensions: { spiffworkflow: window.AlurSpiffModdle }
  });
  var dmn = null;
  var side = window.AlurSideForm(bpmn, state);

  function isDmn(name) { return /\.dmn$/.test(name || ""); }
  function status(text) { $("save-status").textContent = text; }

  function currentXml() {
    var editor = isDmn(state.current) ? dmn : bpmn;
    return editor.saveXML({ format: true }).then(function (result) { return result.xml; });
  }

  function stash() {
    if (!state.current) { return Promise.resolve(); }
    return currentXml().then(function (xml) { state.files[state.current] = xml; });
  }

  function open(name) {
    return stash().then(function () {
      state.current = name;
      $("side-form").hidden = true;
      document.querySelectorAll(".file-tabs [data-file]").forEach(function (tab) {
        tab.setAttribute("aria-selected", String(tab.dataset.file === name));
      });
      $("canvas").hidden = isDmn(name);
      $("dmn-canvas").hidden = !isDmn(name);
      if (isDmn(name)) {
        dmn = dmn || new window.DmnJS({ container: "#dmn-canvas" });
        return dmn.importXML(state.files[name]);
      }
      return bpmn.importXML(state.files[name]).then(function () {
        bpmn.get("canvas").zoom("fit-viewport");
        markProblems();
      });
    }).then(function () { app.dataset.ready = name; })
      .catch(function (error) { status(String(error.message || error)); });
  }

  function markProblems() {
    if (isDmn(state.current)) { return; }
    var canvas = bpmn.get("canvas");
    var registry = bpmn.get("elementRegistry");
    registry.forEach(function (element) { canvas.removeMarker(element, "alur-problem"); });
    state.problems.forEach(function (p) {
      if (p.file === state.current && p.element_id && p.severity === "error" &&
          registry.get(p.element_id)) {
        canvas.addMarker(p.element_id, "alur-problem");
      }
    });
  }

  function select(file, elementId) {
    var ready = file && file !== state.current && state.files[file] ? open(file)
      : Promise.resolve();
    return ready.then(function () {
      if (!elementId || isDmn(state.current)) { return; }
      var element = bpmn.get("elementRegistry").get(elementId);
      if (!element) { return; }
      bpmn.get("selection").select(element);
      bpmn.get("canvas").scrollToElement(element);
    });
  }

  function renderProblems(list, saved) {
    state.problems = list || [];
    var errors = state.problems.filter(function (p) { return p.severity === "error"; });
    var summary = $("problems-summary");
    summary.className = errors.length ? "problems-bad" : (saved ? "problems-ok" : "");
    if (saved) {
      summary.textContent = errors.length ? text("errors", { n: errors.length }) : text("ok");
    }
    var listEl = $("problems");
    listEl.textContent = "";
    state.problems.forEach(function (p) {
      var item = document.createElement("li");
      item.className = "problem " + p.severity;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.dataset.file = p.file;
      button.dataset.element = p.element_id || "";
      button.textContent = (p.element_id || p.file) + (p.line ? " · " + text("line", { n: p.line }) : "");
      var message = document.createElement("span");
      message.textContent = " " + p.message;
      item.append(button, message);
      listEl.appendChild(item);
    });
    markProblems();
  }

  function save() {
    status(text("saving"));
    return stash().then(function () {
      return fetch(app.dataset.saveUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": app.dataset.csrf },
        body: JSON.stringify({ files: state.files, source: state.source,
                               note: $("draft-note").value })
      });
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) { status(result.data.error || text("failed")); return; }
      var data = result.data;
      state.source = { draft: data.draft_id };
      window.history.replaceState(null, "", data.editor_url);
      renderProblems(data.problems, true);
      var deploy = $("deploy-section");
      if (deploy) {
        deploy.hidden = !data.ok;
        $("deploy-form").action = data.deploy_url;
      }
      status(text("saved", { id: data.draft_id }));
    }).catch(function (error) { status(String(error.message || error)); });
  }

  function download() {
    currentXml().then(function (xml) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([xml], { type: "application/xml" }));
      link.download = state.current;
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  }

  document.querySelectorAll(".file-tabs [data-file]").forEach(function (tab) {
    tab.addEventListener("click", function () { open(tab.dataset.file); });
  });
  $("problems").addEventListener("click", function (event) {
    var button = event.target.closest("button[data-file]");
    if (button) { select(button.dataset.file, button.dataset.element); }
  });
  $("save-draft").addEventListener("click", save);
  $("download-file").addEventListener("click", download);

  fetch(app.dataset.bundleUrl, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      state.files = data.files;
      state.formKeys = data.form_keys;
      state.dateVariables = data.date_variables;
      state.dateLabels = data.date_labels || {};
      state.problems = data.problems || [];
      side.fillChoices();
      var names = Object.keys(state.files).sort();
      var first = names.filter(function (n) { return n === "pengaduan.bpmn"; })[0] ||
        names.filter(function (n) { return !isDmn(n); })[0];
      return open(first);
    });
  window.alurModeler = { bpmn: bpmn, select: select, save: save };
})();
