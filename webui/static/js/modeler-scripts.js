// The side form's code fields: a script task's script, an activity's pre- and post-scripts
// (spiffworkflow:preScript / postScript) and the condition of a flow leaving a gateway. The
// base properties panel shows none of them; the deploy check on save reads them all.
window.AlurScriptFields = function (bpmn, extensions) {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var modeling = function () { return bpmn.get("modeling"); };
  var moddle = function () { return bpmn.get("moddle"); };
  var PRE = "spiffworkflow:PreScript";
  var POST = "spiffworkflow:PostScript";

  function isConditional(bo) {
    var source = bo.sourceRef;
    return bo.$instanceOf("bpmn:SequenceFlow") && source &&
      (source.$instanceOf("bpmn:ExclusiveGateway") || source.$instanceOf("bpmn:InclusiveGateway")) &&
      source.default !== bo;
  }

  function show(element) {
    var bo = element.businessObject;
    var isScript = bo.$instanceOf("bpmn:ScriptTask");
    var isActivity = bo.$instanceOf("bpmn:Activity");
    var conditional = isConditional(bo);
    $("side-script").hidden = !isScript;
    $("side-script-body").value = isScript ? bo.script || "" : "";
    $("side-scripts").hidden = !isActivity;
    $("side-pre-script").value = isActivity ? extensions.body(bo, PRE) : "";
    $("side-post-script").value = isActivity ? extensions.body(bo, POST) : "";
    $("side-condition").hidden = !conditional;
    $("side-condition-expr").value =
      conditional && bo.conditionExpression ? bo.conditionExpression.body || "" : "";
    $("side-code-help").hidden = !(isScript || isActivity || conditional);
  }

  function applyCondition(element) {
    var bo = element.businessObject;
    var wanted = $("side-condition-expr").value.trim();
    var current = bo.conditionExpression ? bo.conditionExpression.body || "" : "";
    if (wanted === current) { return; }
    var expression = wanted ? moddle().create("bpmn:FormalExpression", { body: wanted }) : undefined;
    modeling().updateProperties(element, { conditionExpression: expression });
  }

  // A code field's text, "" when it holds only blanks (so the element is removed).
  function code(id) { return $(id).value.trim() ? $(id).value : ""; }

  function apply(element) {
    var bo = element.businessObject;
    if (!$("side-script").hidden && $("side-script-body").value !== (bo.script || "")) {
      modeling().updateProperties(element, { script: $("side-script-body").value });
    }
    if (!$("side-scripts").hidden) {
      extensions.setBody(element, PRE, code("side-pre-script"));
      extensions.setBody(element, POST, code("side-post-script"));
    }
    if (!$("side-condition").hidden) { applyCondition(element); }
  }

  return { show: show, apply: apply };
};
