// Draws each chart of the evaluation dashboard from the JSON next to it. Without this file
// (or without JavaScript) the tables under the charts carry the same numbers.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Chart === "undefined") { return; }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    var spec = JSON.parse(source.textContent);
    var horizontal = spec.type === "bar" && spec.labels.length > 4;
    canvas.parentElement.hidden = false;
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: spec.datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: spec.datasets.length > 1 } },
        scales: horizontal ? { x: { beginAtZero: true } } : { y: { beginAtZero: true } }
      }
    });
  });
});
