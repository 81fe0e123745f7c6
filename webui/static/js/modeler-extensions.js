// Reading and writing the spiffworkflow: extension elements of a diagram element (form files,
// instructions, due dates, pre- and post-scripts) through bpmn-js's modeling, so each change
// is one undoable command.
window.AlurExtensions = function (bpmn) {
  "use strict";
  var modeling = function () { return bpmn.get("modeling"); };
  var moddle = function () { return bpmn.get("moddle"); };

  function extension(bo, type) {
    var values = (bo.extensionElements && bo.extensionElements.get("values")) || [];
    return values.filter(function (v) { return v.$type === type; })[0];
  }

  function ensureExtensions(element) {
    var bo = element.businessObject;
    if (!bo.extensionElements) {
      var created = moddle().create("bpmn:ExtensionElements", { values: [] });
      modeling().updateProperties(element, { extensionElements: created });
    }
    return bo.extensionElements;
  }

  function addExtension(element, type, attrs) {
    var ext = ensureExtensions(element);
    var created = moddle().create(type, attrs);
    modeling().updateModdleProperties(element, ext, { values: ext.get("values").concat([created]) });
    return created;
  }

  function removeExtension(element, found) {
    var ext = element.businessObject.extensionElements;
    var rest = ext.get("values").filter(function (v) { return v !== found; });
    modeling().updateModdleProperties(element, ext, { values: rest });
  }

  // The text of a body-only extension (instructions, a pre- or post-script); "" when absent.
  function body(bo, type) {
    var found = extension(bo, type);
    return found ? found.value || "" : "";
  }

  // Set a body-only extension; an empty text removes the element (an empty script would
  // still be an element the deploy check and the diff have to explain).
  function setBody(element, type, text) {
    var found = extension(element.businessObject, type);
    if (found && !text) { removeExtension(element, found); }
    else if (found) { modeling().updateModdleProperties(element, found, { value: text }); }
    else if (text) { addExtension(element, type, { value: text }); }
  }

  return { extension: extension, addExtension: addExtension, body: body, setBody: setBody };
};
