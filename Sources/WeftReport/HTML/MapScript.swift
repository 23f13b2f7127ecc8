/// The one script of report.html: it makes the first network map explorable — zoom and pan
/// (wheel, drag, buttons), labels whose number grows with the zoom, search by name or id, a card
/// for the member clicked, filters by segment, group and community, and a period slider that
/// replays the network on the shared positions. It reads the members' figures from the JSON
/// block `#weft-map-data` (written by `MapExplorer`) and touches only the explorer's own SVG;
/// without script the page shows the same static maps. Data strings reach the page through
/// `textContent` only, never as markup. The page's Content-Security-Policy allows this script by
/// its SHA-256 hash (`MapScript.hash`) and nothing else.
enum MapScript {
    static let source = #"""
(function () {
  'use strict';
  var block = document.getElementById('weft-map-data');
  var box = document.getElementById('explorer');
  if (!block || !box) return;
  var data = JSON.parse(block.textContent);
  var svg = box.querySelector('svg.map');
  var dots = svg.querySelectorAll('circle');
  var NS = svg.namespaceURI;
  var W = data.width, H = data.height, M = data.members;
  var view = { x: 0, y: 0, w: W, h: H };
  var state = { period: -1, filters: {}, hits: [], selected: -1 };
  function ui(name) { return box.querySelector('[data-ui="' + name + '"]'); }
  box.classList.add('live');
  var windowTies = svg.querySelector('use.wt');
  var periodTies = document.createElementNS(NS, 'path');
  periodTies.setAttribute('class', 'ties');
  svg.insertBefore(periodTies, windowTies.nextSibling);
  var labels = document.createElementNS(NS, 'g');
  labels.setAttribute('class', 'zl');
  svg.appendChild(labels);
  var fixedLabels = svg.querySelectorAll('text.nl');

  function fold(text) { return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  function round(v) { return String(Math.round(v * 10) / 10); }
  function shown(i) {
    var m = M[i], f = state.filters;
    return (f.s === undefined || m.s === f.s) && (f.g === undefined || m.g === f.g) && (f.k === undefined || m.k === f.k);
  }
  function active(i) { return state.period < 0 || data.periods[state.period].active.charAt(i) === '1'; }

  function draw() {
    svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].map(round).join(' '));
    var zoom = W / view.w;
    box.setAttribute('data-zoom', zoom.toFixed(2));
    while (labels.firstChild) labels.removeChild(labels.firstChild);
    var useFixed = zoom < 1.05 && state.period < 0 && Object.keys(state.filters).length === 0;
    for (var f = 0; f < fixedLabels.length; f++) fixedLabels[f].style.display = useFixed ? '' : 'none';
    if (useFixed || data.hidden) return;
    var placed = [], limit = Math.round(15 * Math.min(4, zoom)), size = 11 / zoom;
    for (var r = 0; r < data.order.length && placed.length < limit; r++) {
      var i = data.order[r], m = M[i];
      if (!shown(i) || !active(i)) continue;
      var cx = +dots[i].getAttribute('cx'), cy = +dots[i].getAttribute('cy'), rad = +dots[i].getAttribute('r') + 2 / zoom;
      var text = m.n.length > 28 ? m.n.slice(0, 27) + '\u2026' : m.n, tw = 7 * text.length / zoom;
      var x0 = cx + rad, y0 = cy - size * 0.7, x1 = x0 + tw, y1 = cy + size * 0.4;
      if (x1 < view.x || x0 > view.x + view.w || y1 < view.y || y0 > view.y + view.h) continue;
      var clash = placed.some(function (b) { return b[0] < x1 && x0 < b[2] && b[1] < y1 && y0 < b[3]; });
      if (clash) continue;
      placed.push([x0, y0, x1, y1]);
      var t = document.createElementNS(NS, 'text');
      t.setAttribute('x', round(x0));
      t.setAttribute('y', round(cy + size * 0.35));
      t.setAttribute('class', 'nl');
      t.style.fontSize = size + 'px';
      t.style.strokeWidth = 3 / zoom + 'px';
      t.textContent = text;
      labels.appendChild(t);
    }
  }

  function zoomBy(factor, cx, cy) {
    var w = Math.min(W, Math.max(W / 40, view.w / factor)), h = w * H / W;
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    view.x = cx - (cx - view.x) * w / view.w;
    view.y = cy - (cy - view.y) * h / view.h;
    view.w = w; view.h = h;
    clamp();
    draw();
  }
  function clamp() {
    view.x = Math.min(Math.max(view.x, -view.w / 2), W - view.w / 2);
    view.y = Math.min(Math.max(view.y, -view.h / 2), H - view.h / 2);
  }
  function centre(i) {
    var w = Math.min(view.w, W / 3), h = w * H / W;
    view = { x: +dots[i].getAttribute('cx') - w / 2, y: +dots[i].getAttribute('cy') - h / 2, w: w, h: h };
    clamp();
    draw();
  }
  function toMap(event) {
    var rect = svg.getBoundingClientRect();
    return [view.x + (event.clientX - rect.left) * view.w / rect.width, view.y + (event.clientY - rect.top) * view.h / rect.height];
  }
  svg.addEventListener('wheel', function (event) {
    event.preventDefault();
    var p = toMap(event);
    zoomBy(event.deltaY < 0 ? 1.25 : 0.8, p[0], p[1]);
  }, { passive: false });
  var drag = null;
  svg.addEventListener('pointerdown', function (event) {
    if (event.target.tagName === 'circle') return;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false };
  });
  window.addEventListener('pointermove', function (event) {
    if (!drag) return;
    var rect = svg.getBoundingClientRect();
    view.x = drag.vx - (event.clientX - drag.x) * view.w / rect.width;
    view.y = drag.vy - (event.clientY - drag.y) * view.h / rect.height;
    clamp();
    draw();
  });
  window.addEventListener('pointerup', function () { drag = null; });
  ui('in').addEventListener('click', function () { zoomBy(1.5); });
  ui('out').addEventListener('click', function () { zoomBy(1 / 1.5); });
  ui('reset').addEventListener('click', function () { view = { x: 0, y: 0, w: W, h: H }; draw(); });
  window.addEventListener('beforeprint', function () { view = { x: 0, y: 0, w: W, h: H }; draw(); });

  function row(list, term, value) {
    if (value === undefined || value === null || value === '') return;
    var dt = document.createElement('dt'), dd = document.createElement('dd');
    dt.textContent = term;
    dd.textContent = value;
    list.appendChild(dt);
    list.appendChild(dd);
  }
  function select(i) {
    state.selected = i;
    for (var d = 0; d < dots.length; d++) dots[d].classList.toggle('sel', d === i);
    var card = ui('card'), m = M[i], w = data.words;
    while (card.firstChild) card.removeChild(card.firstChild);
    var title = document.createElement('b');
    title.textContent = data.hidden ? w.member : m.n + (m.id !== m.n ? ' (' + m.id + ')' : '');
    card.appendChild(title);
    var list = document.createElement('dl');
    if (m.s >= 0) row(list, w.segment, data.filters.s.values[m.s] + (m.why ? ' \u2014 ' + m.why : ''));
    row(list, w.connections, m.c);
    if (m.g >= 0) row(list, data.filters.g.title, data.filters.g.values[m.g]);
    if (m.k >= 0) row(list, w.community, data.filters.k.values[m.k]);
    row(list, w.betweenness, m.b);
    if (m.r !== undefined) row(list, w.brokerage, m.r);
    if (m.d !== undefined) row(list, w.drifting, m.d ? w.yes : w.no);
    card.appendChild(list);
    card.hidden = false;
  }
  svg.addEventListener('click', function (event) {
    var i = Array.prototype.indexOf.call(dots, event.target);
    if (i >= 0) select(i);
  });

  function search() {
    var q = fold(ui('search').value.trim());
    state.hits = [];
    for (var i = 0; i < M.length; i++) {
      var hit = q !== '' && !data.hidden && (fold(M[i].n).indexOf(q) >= 0 || fold(M[i].id).indexOf(q) >= 0);
      dots[i].classList.toggle('hit', hit);
      if (hit) state.hits.push(i);
    }
    ui('found').textContent = q === '' ? '' : data.words.found.replace('{1}', String(state.hits.length));
    if (state.hits.length > 0) { select(state.hits[0]); centre(state.hits[0]); }
  }
  ui('search').addEventListener('input', search);

  function filter() {
    ['s', 'g', 'k'].forEach(function (key) {
      var control = ui('filter-' + key);
      if (!control) return;
      if (control.value === '') delete state.filters[key]; else state.filters[key] = +control.value;
    });
    for (var i = 0; i < M.length; i++) dots[i].classList.toggle('dim', !shown(i));
    draw();
  }
  ['s', 'g', 'k'].forEach(function (key) {
    var control = ui('filter-' + key);
    if (control) control.addEventListener('change', filter);
  });

  var slider = ui('period');
  function replay() {
    var p = +slider.value;
    state.period = p >= data.periods.length ? -1 : p;
    windowTies.style.display = state.period < 0 ? '' : 'none';
    var path = '';
    if (state.period >= 0) {
      var ties = data.periods[state.period].ties;
      for (var t = 0; t + 1 < ties.length; t += 2) {
        var a = dots[ties[t]], b = dots[ties[t + 1]];
        path += 'M' + a.getAttribute('cx') + ' ' + a.getAttribute('cy') + 'L' + b.getAttribute('cx') + ' ' + b.getAttribute('cy');
      }
    }
    periodTies.setAttribute('d', path);
    for (var i = 0; i < M.length; i++) dots[i].classList.toggle('off', !active(i));
    ui('period-label').textContent = state.period < 0 ? data.words.wholeWindow : data.periods[state.period].label;
    draw();
  }
  if (slider) slider.addEventListener('input', replay);
  draw();
})();
"""#
}
