// The side form of the modeler: a user task's lane, form file, instructions and due date; a
// timer's working-day expression, with a helper that writes add_working_days(<date>, n).
window.AlurSideForm = function (bpmn, state) {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var selected = null;
  var modeling = function () { return bpmn.get("modeling"); };
  var moddle = function () { return bpmn.get("moddle"); };

  function option(select, value, label) {
    var item = document.createElement("option");
    item.value = value;
    item.textContent = label || value;
    select.appendChild(item);
  }

  function fillChoices() {
    state.formKeys.forEach(function (key) { option($("side-form-file"), key + ".json"); });
    state.dateVariables.forEach(function (name) {
      option($("side-timer-var"), name);
      option($("date-variables"), name);
    });
  }

  function extension(bo, type) {
    var values = (bo.extensionElements && bo.extensionElements.get("values")) || [];
    return values.filter(function (v) { return v.$type === type; })[0];
  }

  function property(bo, name) {
    var props = extension(bo, "spiffworkflow:Properties");
    var found = props && props.get("properties").filter(function (p) { return p.name === name; });
    return found && found[0] ? found[0].value : "";
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

  function setProperty(element, name, value) {
    var bo = element.businessObject;
    var props = extension(bo, "spiffworkflow:Properties") ||
      addExtension(element, "spiffworkflow:Properties", { properties: [] });
    var list = props.get("properties");
    var found = list.filter(function (p) { return p.name === name; })[0];
    if (!value) {
      if (found) { modeling().updateModdleProperties(element, props, { properties: list.filter(function (p) { return p !== found; }) }); }
    } else if (found) {
      modeling().updateModdleProperties(element, found, { value: value });
    } else {
      var created = moddle().create("spiffworkflow:Property", { name: name, value: value });
      modeling().updateModdleProperties(element, props, { properties: list.concat([created]) });
    }
  }

  function setInstructions(element, text) {
    var found = extension(element.businessObject, "spiffworkflow:InstructionsForEndUser");
    if (found) { modeling().updateModdleProperties(element, found, { value: text }); }
    else if (text) { addExtension(element, "spiffworkflow:InstructionsForEndUser", { value: text }); }
  }

  function lanes() {
    return bpmn.get("elementRegistry").filter(function (e) { return e.type === "bpmn:Lane"; });
  }

  function laneOf(element) {
    return lanes().filter(function (lane) {
      return (lane.businessObject.get("flowNodeRef") || []).indexOf(element.businessObject) >= 0;
    })[0];
  }

  function moveToLane(element, laneId) {
    var lane = bpmn.get("elementRegistry").get(laneId);
    if (!lane || laneOf(element) === lane) { return; }
    var dy = lane.y + lane.height / 2 - (element.y + element.height / 2);
    modeling().moveElements([element], { x: 0, y: dy });
  }

  function timerOf(bo) {
    return (bo.eventDefinitions || []).filter(function (d) {
      return d.$type === "bpmn:TimerEventDefinition";
    })[0];
  }

  function timerKind(def) {
    return def.timeDuration ? "timeDuration" : (def.timeCycle ? "timeCycle" : "timeDate");
  }

  function show(element) {
    selected = element;
    $("side-form").hidden = !element;
    if (!element) { return; }
    var bo = element.businessObject;
    $("side-id").textContent = bo.id;
    $("side-name").value = bo.name || "";
    var isUser = bo.$instanceOf("bpmn:UserTask");
    $("side-user-task").hidden = !isUser;
    if (isUser) {
      var select = $("side-lane");
      select.textContent = "";
      lanes().forEach(function (lane) { option(select, lane.id, lane.businessObject.name); });
      var current = laneOf(element);
      select.value = current ? current.id : "";
      $("side-form-file").value = property(bo, "formJsonSchemaFilename");
      var text = extension(bo, "spiffworkflow:InstructionsForEndUser");
      $("side-instructions").value = text ? text.value || "" : "";
      $("side-due").value = property(bo, "dueDate");
    }
    var timer = timerOf(bo);
    $("side-timer").hidden = !timer;
    if (timer) {
      var expr = timer.get(timerKind(timer));
      $("side-timer-expr").value = expr ? expr.body || "" : "";
    }
  }

  function applyUserTask(element) {
    var file = $("side-form-file").value;
    setProperty(element, "formJsonSchemaFilename", file);
    setProperty(element, "formUiSchemaFilename", file ? file.replace(/\.json$/, ".ui.json") : "");
    setInstructions(element, $("side-instructions").value);
    setProperty(element, "dueDate", $("side-due").value.trim());
    moveToLane(element, $("side-lane").value);
  }

  function applyTimer(element) {
    var timer = timerOf(element.businessObject);
    var expr = moddle().create("bpmn:FormalExpression", { body: $("side-timer-expr").value });
    var change = {};
    change[timerKind(timer)] = expr;
    modeling().updateModdleProperties(element, timer, change);
  }

  function apply() {
    if (!selected) { return; }
    var element = selected;
    if ($("side-name").value !== (element.businessObject.name || "")) {
      modeling().updateProperties(element, { name: $("side-name").value });
    }
    if (!$("side-user-task").hidden) { applyUserTask(element); }
    if (!$("side-timer").hidden) { applyTimer(element); }
    show(element);
  }

  $("side-apply").addEventListener("click", apply);
  $("side-timer-helper").addEventListener("click", function () {
    var days = parseInt($("side-timer-days").value, 10) || 0;
    $("side-timer-expr").value = "add_working_days(" + $("side-timer-var").value + ", " + days + ")";
  });
  bpmn.on("selection.changed", function (event) {
    show(event.newSelection.length === 1 ? event.newSelection[0] : null);
  });
  bpmn.on("import.done", function () { show(null); });
  return { fillChoices: fillChoices };
};
