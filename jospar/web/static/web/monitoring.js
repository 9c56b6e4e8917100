// Charts of the monitoring pages (Apache ECharts, vendored): the deadline heatmap and the roll-up bars.
(function () {
  function data(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  function onResize(chart) { window.addEventListener("resize", function () { chart.resize(); }); }
  if (!window.echarts) { return; }

  var h = data("heatmap-data");
  var hel = document.getElementById("deadline-heatmap");
  if (h && hel) {
    var cal = echarts.init(hel);
    cal.setOption({
      tooltip: { formatter: function (p) { return p.value[0] + ": " + p.value[1]; } },
      visualMap: { min: 0, max: Math.max(h.max, 1), calculable: false, orient: "horizontal", left: "center", bottom: 0,
                   inRange: { color: ["#e3ecf4", "#00629b"] }, text: [String(h.max), "0"] },
      calendar: { range: String(h.year), top: 30, left: 40, right: 20, cellSize: ["auto", 16],
                  yearLabel: { show: true }, dayLabel: { firstDay: 1 } },
      series: [{ type: "heatmap", coordinateSystem: "calendar", name: h.label, data: h.days }]
    });
    onResize(cal);
  }

  var o = data("overview-data");
  var ael = document.getElementById("achievement-chart");
  if (o && ael) {
    var a = echarts.init(ael);
    a.setOption({
      tooltip: { trigger: "axis" }, grid: { left: 50, right: 20, top: 30, bottom: 40 },
      xAxis: { type: "category", data: o.bodies }, yAxis: { type: "value", name: "%" },
      series: [{ name: o.labels.achievement, type: "bar", data: o.achievement, label: { show: true, position: "top" },
                 markLine: { silent: true, symbol: "none", data: [{ yAxis: 100 }] } }]
    });
    onResize(a);
  }
  var mel = document.getElementById("money-chart");
  if (o && mel) {
    var m = echarts.init(mel);
    m.setOption({
      tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: "category", data: o.bodies }, yAxis: { type: "value" },
      series: [{ name: o.labels.planned, type: "bar", data: o.planned },
               { name: o.labels.absorbed, type: "bar", data: o.absorbed }]
    });
    onResize(m);
  }
})();
