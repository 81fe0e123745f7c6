// Monitoring diagrams: one instance's markers, or a version's counts and duration heat.
// Data comes from the JSON endpoint named in data-source (no inline scripts).
// Each diagram opens on the steps that matter (the active step of an instance, the steps
// where a version's instances wait) at a scale where labels stay readable, with zoom buttons.
(function () {
  "use strict";
  var MARKS = { done: "alur-done", active: "alur-active", overdue: "alur-overdue", error: "alur-error" };
  // bpmn-js draws labels at 12 px: below this scale they shrink under 10 px on screen.
  var READABLE_SCALE = 0.9;
  var ZOOM_STEP = 1.25;
  var LEGIBLE_FIT = 0.5;  // a fitted diagram below this scale has labels of 6 px or less

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

  function elementsOf(registry, ids) {
    return ids.map(function (id) { return registry.get(id); })
      .filter(function (el) { return el && el.width !== undefined; });
  }

  // The whole diagram when it stays legible; else (a phone) its start at a readable scale.
  function overall(canvas) {
    canvas.zoom("fit-viewport");
    if (canvas.zoom() >= LEGIBLE_FIT) { return; }
    var inner = canvas.viewbox().inner;
    var size = canvas.getSize();
    canvas.viewbox({ x: inner.x - 20, y: inner.y - 20,
                     width: size.width / READABLE_SCALE, height: size.height / READABLE_SCALE });
  }

  // Shows the elements' bounding box whole when it fits at a readable scale; otherwise
  // centres on it at that scale (the rest is reached by dragging or the buttons).
  function focus(canvas, elements) {
    if (!elements.length) { overall(canvas); return; }
    var x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    elements.forEach(function (el) {
      x1 = Math.min(x1, el.x); y1 = Math.min(y1, el.y);
      x2 = Math.max(x2, el.x + el.width); y2 = Math.max(y2, el.y + el.height);
    });
    var pad = 60;
    var size = canvas.getSize();
    var fits = Math.min(size.width / (x2 - x1 + 2 * pad), size.height / (y2 - y1 + 2 * pad));
    var scale = Math.max(READABLE_SCALE, Math.min(1.2, fits));
    var width = size.width / scale, height = size.height / scale;
    canvas.viewbox({ x: (x1 + x2) / 2 - width / 2, y: (y1 + y2) / 2 - height / 2,
                     width: width, height: height });
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
    return elementsOf(registry, (marks.error || []).concat(marks.active || []));
  }

  function stepLink(root, id) {
    var url = new URL(root.dataset.listUrl, window.location.href);
    url.searchParams.set("step", id);
    return url.toString();
  }

  function markOverview(viewer, data, root) {
    var canvas = viewer.get("canvas");
    var registry = viewer.get("elementRegistry");
    var overlays = viewer.get("overlays");
    var waiting = [];
    Object.keys(data.nodes).forEach(function (id) {
      var node = data.nodes[id];
      if (!registry.get(id)) { return; }
      if (node.waiting) {
        var count = document.createElement("a");
        count.className = "alur-badge alur-count";
        count.href = stepLink(root, id);
        count.textContent = String(node.waiting);
        count.title = node.waiting + " " + root.dataset.labelWaiting;
        count.setAttribute("aria-label", count.title + ": " + (registry.get(id).businessObject.name || id));
        overlays.add(id, { position: { top: -10, right: 10 }, html: count });
        canvas.addMarker(id, "alur-has-waiting");
        waiting.push(id);
      }
      var heat = heatClass(node.median_days, data.max_days);
      if (heat) {
        canvas.addMarker(id, heat);
        var days = badge(node.median_days + " " + root.dataset.labelDays, "alur-days");
        overlays.add(id, { position: { bottom: 12, left: 0 }, html: days });
      }
    });
    // Clicking a step with waiting instances lists them.
    viewer.get("eventBus").on("element.click", function (event) {
      if (waiting.indexOf(event.element.id) >= 0) { window.location.href = stepLink(root, event.element.id); }
    });
    var incidents = document.getElementById("incidents");
    if (incidents) { incidents.textContent = root.dataset.labelIncidents + ": " + data.incidents; }
    return elementsOf(registry, waiting);
  }

  function button(text, label, action) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = "secondary outline";
    el.textContent = text;
    el.title = label;
    el.setAttribute("aria-label", label);
    el.addEventListener("click", action);
    return el;
  }

  function controls(root, canvas, focused) {
    var bar = document.createElement("div");
    bar.className = "diagram-controls";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", root.dataset.labelControls);
    bar.appendChild(button("+", root.dataset.labelZoomIn, function () { canvas.zoom(canvas.zoom() * ZOOM_STEP); }));
    bar.appendChild(button("−", root.dataset.labelZoomOut, function () { canvas.zoom(canvas.zoom() / ZOOM_STEP); }));
    bar.appendChild(button(root.dataset.labelFit, root.dataset.labelFit, function () { canvas.zoom("fit-viewport"); }));
    if (focused.length) {
      var label = root.dataset.mode === "instance" ? root.dataset.labelActive : root.dataset.labelWaitingSteps;
      bar.appendChild(button(label, label, function () { focus(canvas, focused); }));
    }
    return bar;
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
        var canvas = viewer.get("canvas");
        var focused = root.dataset.mode === "instance" ? markInstance(viewer, data, file, root)
          : markOverview(viewer, data, root);
        focus(canvas, focused);
        figure.insertBefore(controls(root, canvas, focused), container);
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
