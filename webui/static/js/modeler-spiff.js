// The spiffworkflow: extension elements Alur's diagrams use, described for bpmn-js (moddle),
// so the modeler keeps and edits form files, instructions and due dates as SpiffWorkflow reads
// them.
window.AlurSpiffModdle = (function () {
  "use strict";
  function body(name) {
    return { name: name, superClass: ["Element"],
             properties: [{ name: "value", type: "String", isBody: true }] };
  }
  return {
    name: "SpiffWorkflow",
    uri: "http://spiffworkflow.org/bpmn/schema/1.0/core",
    prefix: "spiffworkflow",
    xml: { tagAlias: "lowerCase" },
    associations: [],
    types: [
      { name: "Properties", superClass: ["Element"],
        properties: [{ name: "properties", type: "Property", isMany: true }] },
      { name: "Property", superClass: ["Element"],
        properties: [{ name: "name", type: "String", isAttr: true },
                     { name: "value", type: "String", isAttr: true }] },
      body("InstructionsForEndUser"),
      body("InstructionsForEndUserEn"),
      body("CalledDecisionId"),
      body("MessageVariable"),
      body("MessagePayload"),
      body("PreScript"),
      body("PostScript")
    ]
  };
})();
