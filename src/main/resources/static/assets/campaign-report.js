// The campaign report's funnel: sent, delivered, clicked, responded, accepted as horizontal bars,
// widest on top. Data comes from the element's data-labels and data-values (no inline scripts).
(function () {
  'use strict';
  function draw() {
    var el = document.getElementById('campaign-funnel');
    if (!el || !window.echarts) { return; }
    var labels = (el.dataset.labels || '').split('|');
    var values = (el.dataset.values || '').split('|').map(Number);
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: labels },
      series: [{ type: 'bar', data: values, barMaxWidth: 36, itemStyle: { color: '#0f766e' },
                 label: { show: true, position: 'right' } }]
    });
    el.dataset.drawn = 'true';
    window.addEventListener('resize', function () { chart.resize(); });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
}());
