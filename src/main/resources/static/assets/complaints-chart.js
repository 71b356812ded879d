// The weekly complaint trend on /console/complaints: an ECharts line chart drawn from the element's
// data-labels ("|"-separated, already in the reader's language) and data-counts (comma-separated).
(function () {
  function draw() {
    var el = document.getElementById('complaint-trend');
    if (!el || typeof echarts === 'undefined') {
      return;
    }
    var labels = (el.dataset.labels || '').split('|').filter(function (s) { return s.length > 0; });
    var counts = (el.dataset.counts || '').split(',').filter(function (s) { return s.length > 0; }).map(Number);
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 36, right: 12, top: 16, bottom: 48 },
      tooltip: { trigger: 'axis', confine: true },
      xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'line', name: el.dataset.name || '', data: counts, areaStyle: { opacity: 0.15 }, color: '#0b6e74' }]
    });
    el.dataset.drawn = 'true';
    window.addEventListener('resize', function () { chart.resize(); });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
