/*
 * Draws the report charts with ECharts from each [data-chart] element's JSON (built by ReportPanels):
 * kind (bar, hbar, line), unit (count, percent, minutes, score), categories, series (name, data, and
 * optionally stack, line, dashed), and the sentence shown when there is nothing to draw. Numbers in
 * axis labels and tooltips are formatted in the page's language. The same figures are in the table
 * under each chart.
 */
(function () {
  'use strict';

  function formatter(spec, lang) {
    var number = new Intl.NumberFormat(lang, {maximumFractionDigits: 1});
    var score = new Intl.NumberFormat(lang, {minimumFractionDigits: 2, maximumFractionDigits: 2});
    var percent = new Intl.NumberFormat(lang, {style: 'percent', maximumFractionDigits: 1});
    return function (value) {
      if (value === null || value === undefined || value === '-') {
        return '—';
      }
      switch (spec.unit) {
        case 'percent': return percent.format(value / 100);
        case 'minutes': return number.format(value) + ' ' + spec.minutes;
        case 'score': return score.format(value);
        default: return number.format(value);
      }
    };
  }

  function hasData(spec) {
    return spec.categories.length > 0 && spec.series.some(function (s) {
      return !s.dashed && s.data.some(function (v) { return v !== null && v !== 0; });
    });
  }

  function draw(element) {
    var spec = JSON.parse(element.getAttribute('data-chart'));
    if (!hasData(spec)) {
      element.textContent = spec.empty;
      element.classList.add('chart-empty');
      element.setAttribute('data-rendered', 'empty');
      return;
    }
    var lang = document.documentElement.lang || 'tr';
    var format = formatter(spec, lang);
    var horizontal = spec.kind === 'hbar';
    var categoryAxis = {type: 'category', data: spec.categories, axisLabel: {hideOverlap: true, width: 140, overflow: 'truncate'},
      inverse: horizontal};
    var valueAxis = {type: 'value', axisLabel: {formatter: format}};
    if (spec.unit === 'percent') {
      valueAxis.max = 100;
    }
    if (spec.unit === 'count') {
      valueAxis.minInterval = 1;
    }
    var chart = window.echarts.init(element, null, {renderer: 'canvas'});
    chart.setOption({
      animation: false,
      tooltip: {trigger: 'axis', confine: true, valueFormatter: format},
      legend: {type: 'scroll', top: 0},
      grid: {left: 8, right: 16, top: 36, bottom: 8, containLabel: true},
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: spec.series.map(function (s) {
        var line = spec.kind === 'line' || s.line;
        return {
          name: s.name, type: line ? 'line' : 'bar', data: s.data, stack: s.stack, connectNulls: true,
          symbol: s.dashed ? 'none' : 'circle', lineStyle: s.dashed ? {type: 'dashed'} : undefined
        };
      })
    });
    element.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function init() {
    if (!window.echarts) {
      return;
    }
    document.querySelectorAll('[data-chart]').forEach(draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
