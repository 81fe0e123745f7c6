// The side form of the modeler: a user task's lane, form file, instructions and due date; a
// timer's expression (both deadlines chosen as a reference date plus working days); the code
// fields of modeler-scripts.js.
window.AlurSideForm = function (bpmn, state) {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var selected = null;
  var texts = JSON.parse($("side-form").dataset.texts || "{}");
  var text = function (key, values) {
    return (texts[key] || key).replace(/\{(\w+)\}/g, function (_m, name) {
      return String((values || {})[name]);
    });
  };
  var modeling = function () { return bpmn.get("modeling"); };
  var moddle = function () { return bpmn.get("moddle"); };
  var extensions = window.AlurExtensions(bpmn);
  var code = window.AlurScriptFields(bpmn, extensions);

  function option(select, value, label) {
    var item = document.createElement("option");
    item.value = value;
    item.textContent = label || value;
    select.appendChild(item);
  }

  function referenceLabel(name) {
    var label = (state.dateLabels || {})[name];
    return label ? label + " (" + name + ")" : name;
  }

  function addReference(select, name) {
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === name; });
    if (!known) { option(select, name, referenceLabel(name)); }
  }

  function fillChoices() {
    state.formKeys.forEach(function (key) { option($("side-form-file"), key + ".json"); });
    document.querySelectorAll("#side-form select[data-reference]").forEach(function (select) {
      state.dateVariables.forEach(function (name) { addReference(select, name); });
    });
  }

  // A reference-date select and a working-days number standing for one expression. An
  // expression of another shape is kept as it is until the analyst picks a reference.
  function DeadlinePicker(prefix, onChange) {
    var ref = $(prefix + "-ref");
    var days = $(prefix + "-days");
    var summary = $(prefix + "-summary");
    var custom = null;

    function value() { return custom !== null ? custom : window.AlurDeadline.format(ref.value, days.value); }

    function render() {
      if (custom !== null) { summary.textContent = text("custom"); }
      else if (!ref.value) { summary.textContent = text("none"); }
      else { summary.textContent = text("summary", { ref: referenceLabel(ref.value), n: days.value || 0 }); }
      days.disabled = custom === null && !ref.value;
    }

    function set(expression) {
      var parsed = window.AlurDeadline.parse(expression);
      custom = !parsed && String(expression || "").trim() ? expression : null;
      if (parsed) { addReference(ref, parsed.reference); }
      ref.value = parsed ? parsed.reference : "";
      days.value = parsed ? parsed.days : 0;
      render();
    }

    function changed() {
      custom = null;
      days.value = String(parseInt(days.value, 10) || 0);
      render();
      onChange(value());
    }

    ref.addEventListener("change", changed);
    days.addEventListener("input", function () { if (days.value !== "") { changed(); } });
    days.addEventListener("change", changed);
    return { set: set, value: value };
  }

  var due = DeadlinePicker("side-due", function (expression) {
    $("side-due-expr").textContent = expression;
  });
  var timerPicker = DeadlinePicker("side-timer", function (expression) {
    $("side-timer-expr").value = expression;
  });

  function property(bo, name) {
    var props = extensions.extension(bo, "spiffworkflow:Properties");
    var found = props && props.get("properties").filter(function (p) { return p.name === name; });
    return found && found[0] ? found[0].value : "";
  }

  function setProperty(element, name, value) {
    var bo = element.businessObject;
    var props = extensions.extension(bo, "spiffworkflow:Properties") ||
      extensions.addExtension(element, "spiffworkflow:Properties", { properties: [] });
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
      $("side-instructions").value = extensions.body(bo, "spiffworkflow:InstructionsForEndUser");
      $("side-instructions-en").value = extensions.body(bo, "spiffworkflow:InstructionsForEndUserEn");
      due.set(property(bo, "dueDate"));
      $("side-due-expr").textContent = property(bo, "dueDate");
    }
    var timer = timerOf(bo);
    $("side-timer").hidden = !timer;
    if (timer) {
      var expr = timer.get(timerKind(timer));
      $("side-timer-expr").value = expr ? expr.body || "" : "";
      timerPicker.set($("side-timer-expr").value);
    }
    code.show(element);
  }

  function applyUserTask(element) {
    var file = $("side-form-file").value;
    setProperty(element, "formJsonSchemaFilename", file);
    setProperty(element, "formUiSchemaFilename", file ? file.replace(/\.json$/, ".ui.json") : "");
    extensions.setBody(element, "spiffworkflow:InstructionsForEndUser", $("side-instructions").value);
    extensions.setBody(element, "spiffworkflow:InstructionsForEndUserEn",
                       $("side-instructions-en").value);
    setProperty(element, "dueDate", due.value().trim());
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
    code.apply(element);
    show(element);
  }

  $("side-apply").addEventListener("click", apply);
  $("side-timer-expr").addEventListener("input", function () {
    timerPicker.set($("side-timer-expr").value);
  });
  bpmn.on("selection.changed", function (event) {
    show(event.newSelection.length === 1 ? event.newSelection[0] : null);
  });
  bpmn.on("import.done", function () { show(null); });
  return { fillChoices: fillChoices };
};
