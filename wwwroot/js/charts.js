// Draws the charts described by data attributes on <canvas data-chart="bar|radar|line">, in the current
// colour theme, and redraws them when the theme changes. The numbers are also on the page as text.
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var charts = [];

  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }

  function draw() {
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    var text = css("--bs-body-color");
    var grid = css("--bs-border-color");
    var brand = css("--sc-brand") || "#0a58ca";
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var labels = JSON.parse(canvas.getAttribute("data-labels") || "[]");
      var values = JSON.parse(canvas.getAttribute("data-values") || "[]");
      var suffix = canvas.getAttribute("data-suffix") || "";
      var max = canvas.hasAttribute("data-max") ? Number(canvas.getAttribute("data-max")) : undefined;
      var type = canvas.getAttribute("data-chart");
      var palette = [brand, css("--bs-success") || "#198754", css("--bs-warning") || "#ffc107", css("--bs-danger") || "#dc3545"];
      if (type === "line") {
        var series = JSON.parse(canvas.getAttribute("data-series") || "[]");
        charts.push(new window.Chart(canvas, {
          type: "line",
          data: {
            labels: labels,
            datasets: series.map(function (s, i) {
              return { label: s.label, data: s.values, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], spanGaps: true, tension: 0.2 };
            })
          },
          options: {
            animation: false, maintainAspectRatio: false,
            plugins: { legend: { labels: { color: text } }, tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + c.parsed.y + suffix; } } } },
            scales: { x: { ticks: { color: text }, grid: { color: grid } }, y: { beginAtZero: true, ticks: { color: text, callback: function (v) { return v + suffix; } }, grid: { color: grid } } }
          }
        }));
        return;
      }
      var config = type === "radar"
        ? {
            type: "radar",
            data: { labels: labels, datasets: [{ data: values, backgroundColor: brand + "33", borderColor: brand, pointBackgroundColor: brand }] },
            options: {
              animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
              scales: { r: { beginAtZero: true, ticks: { color: text, backdropColor: "transparent", precision: 0 }, grid: { color: grid }, angleLines: { color: grid }, pointLabels: { color: text, font: { size: 12 } } } }
            }
          }
        : {
            type: "bar",
            data: { labels: labels, datasets: [{ data: values, backgroundColor: brand, borderRadius: 4 }] },
            options: {
              indexAxis: "y", animation: false, maintainAspectRatio: false, plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return c.parsed.x + suffix; } } } },
              scales: { x: { beginAtZero: true, max: max, ticks: { color: text, callback: function (v) { return v + suffix; } }, grid: { color: grid } }, y: { ticks: { color: text }, grid: { display: false } } }
            }
          };
      charts.push(new window.Chart(canvas, config));
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("sc:theme", function () { if (charts.length) { draw(); } });
})();
