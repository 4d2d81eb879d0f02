/* flagbench index.html: sortable tables, interactive charts (uPlot), and a self-check written into <body> data-*. */
(function () {
  'use strict';

  function num(v) {
    if (v == null || !isFinite(v)) { return '\u2014'; }
    if (v === 0) { return '0'; }
    return Number(v.toPrecision(3)).toLocaleString('en-US', {maximumFractionDigits: 9});
  }
  var FMT = {
    count: num,
    ms: function (v) { return Math.abs(v) >= 1000 ? num(v / 1000) + ' s' : num(v) + ' ms'; },
    us: function (v) { return Math.abs(v) >= 1000 ? FMT.ms(v / 1000) : num(v) + ' \u00b5s'; },
    kib: function (v) { return Math.abs(v) >= 1024 ? num(v / 1024) + ' MiB' : num(v) + ' KiB'; },
    mib: function (v) { return Math.abs(v) >= 1024 ? num(v / 1024) + ' GiB' : num(v) + ' MiB'; },
    ratio: function (v) { return num(v * 100) + ' %'; },
    times: function (v) { return num(v) + ' \u00d7'; }
  };
  function fmt(unit) { return FMT[unit] || num; }

  /* ---- sortable tables ---- */
  var UNITS = {'\u00b5s': 1e-3, 'ms': 1, 's': 1e3, 'min': 6e4, 'B': 1, 'KiB': 1024, 'MiB': 1048576,
    'GiB': 1073741824, 'TiB': 1099511627776};
  function sortKey(text) {
    var m = text.trim().match(/^[\u2265\u2248<>~]?\s*(-?[\d,]*\.?\d+)\s*(\u00b5s|ms|s|min|B|KiB|MiB|GiB|TiB)?(?![\w])/);
    if (!m) { return null; }
    return parseFloat(m[1].replace(/,/g, '')) * (UNITS[m[2]] || 1);
  }
  function makeSortable(table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.setAttribute('title', 'sort by this column');
      th.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).map(function (r, i) {
          var t = r.cells[col] ? r.cells[col].textContent : '';
          return {row: r, i: i, k: sortKey(t), t: t};
        });
        rows.sort(function (a, b) {
          var c;
          if (a.k != null && b.k != null) { c = a.k - b.k; }
          else if (a.k != null) { c = -1; } else if (b.k != null) { c = 1; }
          else { c = a.t.localeCompare(b.t); }
          return (asc ? c : -c) || a.i - b.i;
        });
        rows.forEach(function (r) { body.appendChild(r.row); });
      });
    });
  }

  /* ---- charts ---- */
  function ticks(unit, log) {
    var f = fmt(unit);
    return function (u, splits) {
      return splits.map(function (v) {
        if (v == null) { return ''; }
        if (log && v > 0) {
          var m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
          var r = Math.round(m);
          if (Math.abs(m - r) > 1e-6 || [1, 2, 5].indexOf(r) < 0) { return ''; }
        }
        return f(v);
      });
    };
  }
  function visible(u, i) { return u.series[i + 1] && u.series[i + 1].show; }
  function clipToPlot(u, ctx) {
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
  }
  function drawBands(spec) {
    return function (u) {
      var ctx = u.ctx;
      ctx.save();
      clipToPlot(u, ctx);
      spec.series.forEach(function (s, i) {
        if (!visible(u, i)) { return; }
        var idx = [];
        for (var j = 0; j < spec.x.length; j++) {
          if (s.min[j] != null && s.max[j] != null && s.max[j] > s.min[j]) { idx.push(j); }
        }
        if (!idx.length) { return; }
        ctx.fillStyle = s.color;
        ctx.strokeStyle = s.color;
        ctx.globalAlpha = 0.14;
        ctx.beginPath();
        idx.forEach(function (j, k) {
          var x = u.valToPos(spec.x[j], 'x', true), y = u.valToPos(s.max[j], 'y', true);
          if (k) { ctx.lineTo(x, y); } else { ctx.moveTo(x, y); }
        });
        idx.slice().reverse().forEach(function (j) {
          ctx.lineTo(u.valToPos(spec.x[j], 'x', true), u.valToPos(s.min[j], 'y', true));
        });
        ctx.closePath();
        ctx.fill();
        ctx.globalAlpha = 0.6;
        ctx.lineWidth = 2 * devicePixelRatio;
        idx.forEach(function (j) {
          var x = u.valToPos(spec.x[j], 'x', true);
          ctx.beginPath();
          ctx.moveTo(x, u.valToPos(s.min[j], 'y', true));
          ctx.lineTo(x, u.valToPos(s.max[j], 'y', true));
          ctx.stroke();
        });
      });
      ctx.restore();
    };
  }
  function drawKnees(spec) {
    return function (u) {
      var ctx = u.ctx, r = 7 * devicePixelRatio;
      ctx.save();
      clipToPlot(u, ctx);
      spec.series.forEach(function (s, i) {
        if (s.kneeX == null || !visible(u, i)) { return; }
        var j = spec.x.indexOf(s.kneeX);
        if (j < 0 || s.y[j] == null) { return; }
        var x = u.valToPos(s.kneeX, 'x', true), y = u.valToPos(s.y[j], 'y', true);
        ctx.beginPath();
        ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
        ctx.fillStyle = '#ffffff';
        ctx.fill();
        ctx.lineWidth = 2.5 * devicePixelRatio;
        ctx.strokeStyle = s.color;
        ctx.stroke();
      });
      ctx.restore();
    };
  }
  function yRange(spec) {
    return function (u, dmin, dmax) {
      var lo = null, hi = null;
      spec.series.forEach(function (s, i) {
        if (!visible(u, i)) { return; }
        [s.y, s.min, s.max].forEach(function (arr) {
          arr.forEach(function (v) {
            if (v == null || (spec.logY && v <= 0)) { return; }
            lo = lo == null ? v : Math.min(lo, v);
            hi = hi == null ? v : Math.max(hi, v);
          });
        });
      });
      if (lo == null) { return spec.logY ? [1, 10] : [0, 1]; }
      if (spec.logY) { return uPlot.rangeLog(lo, hi, 10, true); }
      return uPlot.rangeNum(Math.min(0, lo), hi, 0.1, true);
    };
  }
  function makePlot(el, spec) {
    var fx = fmt(spec.xUnit), fy = fmt(spec.yUnit);
    var data = [spec.x];
    var series = [{label: spec.xLabel, value: function (u, v) { return v == null ? '\u2014' : fx(v); }}];
    spec.series.forEach(function (s) {
      data.push(s.y);
      series.push({
        label: s.label, stroke: s.color, width: s.dashed ? 1.5 : 2, dash: s.dashed ? [6, 4] : [],
        points: {show: !s.dashed, size: 7, fill: s.color, stroke: s.color},
        value: function (u, v) { return v == null ? '\u2014' : fy(v); }
      });
    });
    var width = Math.max(480, Math.min(el.clientWidth - 12, 1100));
    var opts = {
      title: spec.title, width: width, height: 400, series: series,
      scales: {x: spec.logX ? {time: false, distr: 3, log: 10} : {time: false},
        y: spec.logY ? {distr: 3, log: 10, range: yRange(spec)} : {range: yRange(spec)}},
      axes: [{label: spec.xLabel, values: ticks(spec.xUnit, spec.logX), space: 50},
        {label: spec.yLabel, values: ticks(spec.yUnit, spec.logY), size: 80, space: 30}],
      legend: {live: true},
      cursor: {points: {size: 9}},
      hooks: {drawClear: [drawBands(spec)], draw: [drawKnees(spec)]}
    };
    return new uPlot(opts, data, el);
  }


  /* ---- a trial over time: the server's in flight and responses/s, its phases shaded, a menu of trials ---- */
  var PHASES = [
    {key: 'jitWarmup', label: 'JIT warm-up (other server)', fill: 'rgba(0,0,0,0.06)'},
    {key: 'warmup', label: 'warm-up', fill: 'rgba(230,159,0,0.16)'},
    {key: 'measured', label: 'measured job', fill: 'rgba(0,114,178,0.14)'}
  ];
  function drawPhases(view) {
    return function (u) {
      var ctx = u.ctx, top = u.bbox.top, h = u.bbox.height;
      ctx.save();
      clipToPlot(u, ctx);
      ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
      ctx.textBaseline = 'top';
      PHASES.forEach(function (p, k) {
        var span = view.phases[p.key];
        if (!span) { return; }
        var x0 = u.valToPos(span[0], 'x', true), x1 = u.valToPos(span[1], 'x', true);
        ctx.fillStyle = p.fill;
        ctx.fillRect(x0, top, Math.max(x1 - x0, devicePixelRatio), h);
        ctx.fillStyle = '#333333';
        ctx.fillText(p.label, Math.max(x0, u.bbox.left) + 4 * devicePixelRatio, top + (4 + 14 * k) * devicePixelRatio);
      });
      ctx.restore();
    };
  }
  function zeroTo(u, lo, hi) { return [0, hi > 0 ? hi * 1.08 : 1]; }
  function makeTimeline(el, view) {
    el.setAttribute('data-trial', view.label);
    el.textContent = '';
    var width = Math.max(480, Math.min(el.clientWidth - 12, 1100));
    var sec = function (u, v) { return v == null ? '\u2014' : num(v) + ' s'; };
    var cnt = function (u, v) { return v == null ? '\u2014' : num(v); };
    var opts = {
      title: view.label, width: width, height: 400,
      series: [{label: 'time', value: sec},
        {label: 'in flight (server)', stroke: '#0072B2', width: 2, scale: 'n', value: cnt, points: {show: false}},
        {label: 'responses/s', stroke: '#D55E00', width: 1.5, scale: 'rps', value: cnt, points: {show: false}}],
      scales: {x: {time: false}, n: {range: zeroTo}, rps: {range: zeroTo}},
      axes: [{label: 'seconds since the trial started', values: ticks('count', false), space: 60},
        {scale: 'n', label: 'requests in flight', values: ticks('count', false), size: 80, space: 30},
        {scale: 'rps', side: 1, label: 'responses per second', values: ticks('count', false), size: 80, space: 30,
          grid: {show: false}}],
      legend: {live: true},
      cursor: {points: {size: 9}},
      hooks: {drawClear: [drawPhases(view)]}
    };
    return new uPlot(opts, [view.x, view.inFlight, view.throughput], el);
  }
  var timelines = [];
  function initTimelines() {
    var data = document.getElementById('timeline-data');
    var all = data ? JSON.parse(data.textContent) : [];
    document.querySelectorAll('div.timeline').forEach(function (el) {
      var views = all[Number(el.getAttribute('data-timeline'))];
      var select = el.parentNode.querySelector('select.timeline-select');
      var t = {el: el, views: views, select: select, u: makeTimeline(el, views[0])};
      select.addEventListener('change', function () {
        t.u.destroy();
        t.u = makeTimeline(el, views[Number(select.value)]);
      });
      timelines.push(t);
    });
  }

  var plots = [];
  function init() {
    document.querySelectorAll('table.sortable').forEach(makeSortable);
    var specs = JSON.parse(document.getElementById('plot-data').textContent);
    document.querySelectorAll('div.plot').forEach(function (el) {
      var spec = specs[Number(el.getAttribute('data-plot'))];
      plots.push({el: el, spec: spec, u: makePlot(el, spec)});
    });
    initTimelines();
    check();
  }

  /* ---- the page's own check, read by the Chromium test from the dumped DOM ---- */
  function check() {
    var body = document.body;
    var imgs = document.querySelectorAll('img.chart');
    var ok = 0;
    imgs.forEach(function (img) {
      var box = img.getBoundingClientRect();
      if (img.complete && img.naturalWidth > 0 && box.width > 0 && box.height > 0) { ok++; }
    });
    plots.forEach(function (p) {
      var c = p.el.querySelector('canvas');
      if (c && c.width > 0 && c.height > 0 && c.getBoundingClientRect().width > 0) { ok++; }
    });
    body.setAttribute('data-charts', String(imgs.length + plots.length));
    body.setAttribute('data-charts-ok', String(ok));
    body.setAttribute('data-plots', String(plots.length));
    var drawn = timelines.filter(function (t) {
      var c = t.el.querySelector('canvas');
      return c && c.width > 0 && c.height > 0 && c.getBoundingClientRect().width > 0;
    });
    body.setAttribute('data-timelines', String(timelines.length));
    body.setAttribute('data-timelines-ok', String(drawn.length));
    if (location.hash !== '#selfcheck') { return; }
    setTimeout(function () { timelines.forEach(hoverMiddle); }, 30); /* after uPlot's first (deferred) draw */
    function hoverMiddle(t) {
      var over = t.el.querySelector('.u-over'), r = over.getBoundingClientRect();
      var v = t.views[0], j = Math.floor(v.x.length / 2);
      var px = t.u.valToPos(v.x[j], 'x');
      var x = r.left + (isFinite(px) ? px : r.width / 2), y = r.top + r.height / 2;
      over.dispatchEvent(new MouseEvent('mouseenter', {clientX: x, clientY: y, bubbles: false}));
      over.dispatchEvent(new MouseEvent('mousemove', {clientX: x, clientY: y, bubbles: true}));
    }
    var series = 0, expected = 0;
    plots.forEach(function (p) {
      expected += p.spec.series.length;
      series += p.el.querySelectorAll('.u-legend .u-series').length - 1;
      var over = p.el.querySelector('.u-over'), r = over.getBoundingClientRect();
      var j = p.spec.series[0].y.findIndex(function (v) { return v != null; });
      var px = j < 0 ? NaN : p.u.valToPos(p.spec.x[j], 'x');
      var x = r.left + (isFinite(px) ? px : r.width / 2), y = r.top + r.height / 2;
      over.dispatchEvent(new MouseEvent('mouseenter', {clientX: x, clientY: y, bubbles: false}));
      over.dispatchEvent(new MouseEvent('mousemove', {clientX: x, clientY: y, bubbles: true}));
    });
    body.setAttribute('data-plot-series', String(series));
    body.setAttribute('data-plot-series-expected', String(expected));
    setTimeout(function () {
      var hover = 0, toggled = 0;
      plots.forEach(function (p) {
        var values = Array.prototype.map.call(p.el.querySelectorAll('.u-legend .u-series:not(:first-child) .u-value'),
          function (e) { return e.textContent.trim(); });
        if (values.some(function (v) { return v !== '' && v !== '--' && v !== '\u2014'; })) { hover++; }
        var label = p.el.querySelector('.u-legend .u-series:nth-child(2) > th');
        label.dispatchEvent(new MouseEvent('click', {bubbles: true}));
        var off = p.u.series[1].show === false;
        label.dispatchEvent(new MouseEvent('click', {bubbles: true}));
        if (off && p.u.series[1].show === true) { toggled++; }
      });
      body.setAttribute('data-plot-hover', String(hover));
      var tlSeries = [], tlHover = [], switched = [];
      timelines.forEach(function (t) {
        tlSeries.push(String(t.el.querySelectorAll('.u-legend .u-series').length - 1));
        var values = Array.prototype.map.call(t.el.querySelectorAll('.u-legend .u-series:not(:first-child) .u-value'),
          function (e) { return e.textContent.trim(); });
        tlHover.push(values.filter(function (v) { return v !== '' && v !== '--' && v !== '\u2014'; }).join('/'));
        if (t.views.length > 1) {
          t.select.value = '1';
          t.select.dispatchEvent(new Event('change', {bubbles: true}));
          var now = t.el.getAttribute('data-trial');
          switched.push(now === t.views[1].label && t.el.querySelector('canvas') ? now : 'not switched');
        }
      });
      body.setAttribute('data-timeline-series', tlSeries.join(','));
      body.setAttribute('data-timeline-hover', tlHover.join(','));
      body.setAttribute('data-timeline-switched', switched.join(','));
      body.setAttribute('data-plot-toggled', String(toggled));
      var clipped = [], scrolling = 0, wraps = document.querySelectorAll('.table-wrap'), vw = document.documentElement.clientWidth;
      wraps.forEach(function (w, ti) {
        var wr = w.getBoundingClientRect();
        var name = 'table ' + (ti + 1) + ' (' + w.querySelector('th').textContent + ')';
        if (wr.right > vw + 1) { clipped.push(name + ': wider than the window'); }
        var scrolls = w.scrollWidth > w.clientWidth + 1;
        if (scrolls) { scrolling++; }
        var ox = getComputedStyle(w).overflowX;
        if (scrolls && ox !== 'auto' && ox !== 'scroll') { clipped.push(name + ': hidden overflow'); }
        var left = wr.left + w.clientLeft;
        w.querySelectorAll('th, td').forEach(function (cell) {
          var cr = cell.getBoundingClientRect();
          if (cr.right - left + w.scrollLeft > w.scrollWidth + 1) { clipped.push(name + ': a cell beyond the scroll'); }
          if (cell.scrollWidth > cell.clientWidth + 1) { clipped.push(name + ': clipped text ' + cell.textContent); }
        });
        var heads = w.querySelectorAll('thead th'), last = heads[heads.length - 1];
        w.scrollLeft = w.scrollWidth;
        if (last.getBoundingClientRect().right > left + w.clientWidth + 1) {
          clipped.push(name + ': the last column stays out of sight when scrolled to the end');
        }
        w.scrollLeft = 0;
        var first = w.querySelector('td, th');
        if (scrolls && getComputedStyle(first).position !== 'sticky') { clipped.push(name + ': first column not sticky'); }
      });
      body.setAttribute('data-tables', String(wraps.length));
      body.setAttribute('data-tables-scrolling', String(scrolling));
      body.setAttribute('data-tables-clipped', clipped.join(' | '));
      var sortable = document.querySelector('table.sortable'), sorted = 'none';
      if (sortable) {
        var col = Array.prototype.findIndex.call(sortable.tHead.rows[0].cells, function (th) {
          return th.textContent === 'C' || th.textContent === 'connections';
        });
        if (col >= 0) {
          var keys = function () {
            return Array.prototype.map.call(sortable.tBodies[0].rows, function (r) { return sortKey(r.cells[col].textContent); });
          };
          var ordered = function (k, up) {
            return k.every(function (v, i) { return i === 0 || (up ? k[i - 1] <= v : k[i - 1] >= v); });
          };
          sortable.tHead.rows[0].cells[col].dispatchEvent(new MouseEvent('click', {bubbles: true}));
          var up = ordered(keys(), true);
          sortable.tHead.rows[0].cells[col].dispatchEvent(new MouseEvent('click', {bubbles: true}));
          sorted = up && ordered(keys(), false) ? 'ascending,descending' : 'unsorted';
        }
      }
      body.setAttribute('data-sort', sorted);
      body.setAttribute('data-selfcheck', 'done');
    }, 100);
  }

  window.addEventListener('load', init);
}());
