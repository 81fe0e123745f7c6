// The evaluation dashboard: its sections become tabs, and each chart is drawn from the JSON next
// to it when its tab is first shown. Without this file (or without JavaScript) every section is
// shown one after the other, and the tables under the charts carry the same numbers.
document.addEventListener("DOMContentLoaded", function () {
  var drawn = new WeakSet();

  function draw(panel) {
    if (typeof Chart === "undefined") { return; }
    panel.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (drawn.has(canvas)) { return; }
      drawn.add(canvas);
      var spec = JSON.parse(document.getElementById(canvas.getAttribute("data-chart")).textContent);
      var horizontal = spec.type === "bar" && (spec.labels.length > 4 ||
        spec.labels.some(function (label) { return label.length > 24; }));
      var counts = spec.datasets.every(function (set) {  // no axis step of 0,2 report
        return set.data.every(function (v) { return v === null || Number.isInteger(v); });
      });
      var axis = { beginAtZero: true, ticks: counts ? { precision: 0 } : {} };
      canvas.parentElement.hidden = false;
      new Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: spec.datasets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          indexAxis: horizontal ? "y" : "x",
          plugins: { legend: { display: spec.datasets.length > 1 } },
          scales: horizontal ? { x: axis } : { y: axis }
        }
      });
    });
  }

  var nav = document.querySelector("nav[data-tabs]");
  if (!nav) { return; }
  var links = Array.prototype.slice.call(nav.querySelectorAll("a"));
  var panels = links.map(function (link) {
    return document.getElementById(link.getAttribute("href").slice(1));
  });
  nav.setAttribute("role", "tablist");
  links.forEach(function (link, i) {
    link.setAttribute("role", "tab");
    link.setAttribute("aria-controls", panels[i].id);
    panels[i].setAttribute("role", "tabpanel");
    panels[i].setAttribute("aria-labelledby", link.id);
    panels[i].querySelector("h3").classList.add("sr-only");  // the tab names it
  });

  function show(index, focus) {
    links.forEach(function (link, i) {
      var on = i === index;
      link.setAttribute("aria-selected", on ? "true" : "false");
      link.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    draw(panels[index]);
    if (focus) { links[index].focus(); }
  }

  links.forEach(function (link, i) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      show(i, false);
      history.replaceState(null, "", "#" + panels[i].id);
    });
    link.addEventListener("keydown", function (event) {
      var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: links.length - 1 }[event.key];
      if (next === undefined) { return; }
      event.preventDefault();
      show((next + links.length) % links.length, true);
    });
  });

  // A link to a section (#kepuasan) or to something inside one (#skm_opd) opens its tab.
  function follow(first) {
    var id = window.location.hash.slice(1);
    var target = id ? document.getElementById(id) : null;
    var opened = panels.findIndex(function (panel) { return target && panel.contains(target); });
    if (opened >= 0 || first) { show(opened < 0 ? 0 : opened, false); }
    if (opened >= 0 && target !== panels[opened]) { target.scrollIntoView(); }
  }
  follow(true);
  window.addEventListener("hashchange", function () { follow(false); });
  document.querySelectorAll("#ringkasan").forEach(draw);
});
