// The diff page: both versions of a diagram side by side, changed elements marked.
(function () {
  "use strict";
  if (!window.BpmnJS) { return; }
  var files = JSON.parse(document.getElementById("diff-data").textContent);
  var markers = JSON.parse(document.getElementById("diff-markers").textContent);
  document.querySelectorAll(".diff-canvas").forEach(function (container) {
    var side = container.dataset.side;
    var file = container.dataset.file;
    var xml = files[side][file];
    if (!xml) { container.textContent = "—"; return; }
    var viewer = new window.BpmnJS({ container: container });
    viewer.importXML(xml).then(function () {
      var canvas = viewer.get("canvas");
      var registry = viewer.get("elementRegistry");
      canvas.zoom("fit-viewport");
      markers.forEach(function (m) {
        var shown = side === "new" ? m.kind !== "removed" : m.kind !== "added";
        if (m.file === file && shown && registry.get(m.id)) {
          canvas.addMarker(m.id, "diff-" + m.kind);
        }
      });
    });
  });
})();
