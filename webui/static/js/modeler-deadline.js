// Deadlines as analysts think of them: a reference date plus a number of working days.
// parse() reads a timer's or a task's dueDate expression into that pair; format() writes the
// expression back ("verification_due" for zero days, "add_working_days(ref, n)" otherwise).
// No DOM: the same file runs in the browser and in the unit tests (node).
(function (root) {
  "use strict";
  var NAME = "[A-Za-z_][A-Za-z0-9_]*";
  var REFERENCE = "(" + NAME + "(?:\\(\\))?)";  // a date variable, or now()
  var ONLY_REFERENCE = new RegExp("^\\s*" + REFERENCE + "\\s*$");
  var WORKING_DAYS = new RegExp(
    "^\\s*add_working_days\\(\\s*" + REFERENCE + "\\s*,\\s*([+-]?\\s*\\d+)\\s*\\)\\s*$");
  var ISO_DURATION = /^P(\d|T)/;  // "P3D" is an ISO 8601 duration, not a variable

  /** {reference, days} of an expression, or null when it is not "reference + n working days". */
  function parse(expression) {
    var text = String(expression == null ? "" : expression);
    var found = WORKING_DAYS.exec(text);
    if (found) {
      return { reference: found[1], days: parseInt(found[2].replace(/\s+/g, ""), 10) };
    }
    found = ONLY_REFERENCE.exec(text);
    if (found && found[1] !== "add_working_days" && !ISO_DURATION.test(found[1])) {
      return { reference: found[1], days: 0 };
    }
    return null;
  }

  /** The expression of "reference + days working days"; "" without a reference. */
  function format(reference, days) {
    var ref = String(reference || "").trim();
    if (!ref) { return ""; }
    if (!new RegExp("^" + REFERENCE + "$").test(ref)) {
      throw new Error("not a date variable: " + ref);
    }
    var n = Number(days) || 0;
    if (Math.floor(n) !== n) { throw new Error("working days must be a whole number: " + days); }
    return n === 0 ? ref : "add_working_days(" + ref + ", " + n + ")";
  }

  var api = { parse: parse, format: format };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  else { root.AlurDeadline = api; }
})(this);
