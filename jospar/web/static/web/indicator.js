// Charts of the indicator page (Apache ECharts, vendored).
(function () {
  function data(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  var v = data("values-data");
  var el = document.getElementById("values-chart");
  if (v && el && window.echarts) {
    var chart = echarts.init(el);
    var series = [
      { name: v.labels.plan, type: "line", data: v.plan, lineStyle: { type: "dashed" } },
      { name: v.labels.corrected, type: "line", data: v.corrected, lineStyle: { type: "dotted" } },
      { name: v.labels.fact, type: "line", data: v.fact, lineStyle: { width: 3 } }
    ];
    var years = v.years.slice();
    if (v.baseline) {
      years.unshift(v.baseline[0]);
      series.forEach(function (s) { s.data = [null].concat(s.data); });
      series.push({ name: v.labels.baseline, type: "scatter", symbolSize: 12,
                    data: [v.baseline[1]].concat(v.years.map(function () { return null; })) });
    }
    chart.setOption({ tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 40, bottom: 30 },
                      xAxis: { type: "category", data: years }, yAxis: { type: "value", scale: true }, series: series });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  var tiles = data("tiles-data");
  var cel = document.getElementById("cartogram");
  if (tiles && cel && window.echarts) {
    var map = echarts.init(cel);
    map.setOption({
      tooltip: { formatter: function (p) { return p.data.name + ": " + p.data.value[2] + " %"; } },
      grid: { left: 10, right: 10, top: 10, bottom: 40 },
      xAxis: { type: "category", data: [0, 1, 2, 3, 4, 5, 6], show: false },
      yAxis: { type: "category", data: [3, 2, 1, 0], show: false, inverse: false },
      visualMap: { min: 80, max: 110, calculable: true, orient: "horizontal", left: "center", bottom: 0,
                   inRange: { color: ["#c0392b", "#f1c40f", "#27ae60"] } },
      series: [{ type: "heatmap", data: tiles.map(function (t) { return { name: t.name, value: [t.value[0], 3 - t.value[1], t.value[2]] }; }),
                 label: { show: true, formatter: function (p) { return p.data.name.split(" ")[0] + "\n" + p.data.value[2]; }, fontSize: 10 },
                 itemStyle: { borderColor: "#fff", borderWidth: 2 } }]
    });
    window.addEventListener("resize", function () { map.resize(); });
  }
})();
