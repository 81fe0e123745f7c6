// Monitoring diagrams: one instance's markers, or a version's counts and duration heat.
// Data comes from the JSON endpoint named in data-source (no inline scripts).
(function () {
  "use strict";
  var MARKS = { done: "alur-done", active: "alur-active", overdue: "alur-overdue", error: "alur-error" };

  function heatClass(days, max) {
    if (days === null || days === undefined || !max) { return null; }
    var level = Math.min(4, Math.floor((days / max) * 4.999));
    return "alur-heat-" + level;
  }

  function badge(text, cls) {
    var el = document.createElement("div");
    el.className = "alur-badge " + cls;
    el.textContent = text;
    return el;
  }

  function markInstance(viewer, data, file, root) {
    var canvas = viewer.get("canvas");
    var registry = viewer.get("elementRegistry");
    var overlays = viewer.get("overlays");
    var marks = data.markers[file] || {};
    Object.keys(MARKS).forEach(function (kind) {
      (marks[kind] || []).forEach(function (id) {
        if (registry.get(id)) { canvas.addMarker(id, MARKS[kind]); }
      });
    });
    Object.keys(data.completed_by).forEach(function (id) {
      if (!registry.get(id)) { return; }
      var last = data.completed_by[id][data.completed_by[id].length - 1];
      var when = new Date(last.at).toLocaleString("id-ID", { timeZone: "Asia/Jakarta" });
      var el = badge(last.actor + " · " + when, "alur-who");
      el.title = root.dataset.labelDoneBy + " " + last.actor;
      overlays.add(id, { position: { bottom: 12, left: 0 }, html: el });
    });
  }

  function markOverview(viewer, data) {
    var canvas = viewer.get("canvas");
    var registry = viewer.get("elementRegistry");
    var overlays = viewer.get("overlays");
    var root = document.querySelector(".monitor-diagrams");
    Object.keys(data.nodes).forEach(function (id) {
      var node = data.nodes[id];
      if (!registry.get(id)) { return; }
      if (node.waiting) {
        var count = badge(String(node.waiting), "alur-count");
        count.title = node.waiting + " " + root.dataset.labelWaiting;
        overlays.add(id, { position: { top: -10, right: 10 }, html: count });
      }
      var heat = heatClass(node.median_days, data.max_days);
      if (heat) {
        canvas.addMarker(id, heat);
        var days = badge(node.median_days + " " + root.dataset.labelDays, "alur-days");
        overlays.add(id, { position: { bottom: 12, left: 0 }, html: days });
      }
    });
    var incidents = document.getElementById("incidents");
    if (incidents) { incidents.textContent = root.dataset.labelIncidents + ": " + data.incidents; }
  }

  function show(root, data) {
    Object.keys(data.files).sort().forEach(function (file) {
      var figure = document.createElement("figure");
      var caption = document.createElement("figcaption");
      caption.textContent = file;
      var container = document.createElement("div");
      container.className = "monitor-canvas";
      container.dataset.file = file;
      figure.appendChild(caption);
      figure.appendChild(container);
      root.appendChild(figure);
      var viewer = new window.BpmnJS({ container: container });
      viewer.importXML(data.files[file]).then(function () {
        viewer.get("canvas").zoom("fit-viewport");
        if (root.dataset.mode === "instance") { markInstance(viewer, data, file, root); }
        else { markOverview(viewer, data); }
        container.dataset.ready = "true";
      });
    });
  }

  document.querySelectorAll(".monitor-diagrams").forEach(function (root) {
    if (!window.BpmnJS) { return; }
    fetch(root.dataset.source, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) { show(root, data); });
  });
})();
