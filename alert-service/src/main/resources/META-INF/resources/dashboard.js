'use strict';
// The alert-service dashboard: plain DOM and SVG, no third-party code, nothing from a CDN.

const MAX_FEED = 200;
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

const feed = document.getElementById('feed');
const status = document.getElementById('connection');

function text(tag, content, className) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}

function describe(alert) {
  const d = alert.details || {};
  if (alert.kind === 'fraud') {
    return `${alert.alert_type}: user ${alert.user_id} ${d.amount} at ${d.merchant}, ${alert.location}`;
  }
  if (alert.kind === 'lag') {
    return `${alert.alert_type}: consumer group ${d.group} ${d.status || 'gone'}, max lag ${d.max_lag}`;
  }
  return `${alert.alert_type}: sensor ${alert.sensor_id} ${(d.reasons || []).join(', ')}`;
}

// Why a fraud alert fired: per matched rule, the values that made it fire.
function explanations(alert) {
  const why = (alert.details || {}).explanations || {};
  const list = document.createElement('ul');
  list.className = 'why';
  Object.entries(why).forEach(([rule, reasons]) => list.append(text('li', `${rule}: ${reasons.join('; ')}`)));
  return list;
}

function showAlert(alert) {
  if (document.querySelector(`#feed li[data-alert-id="${CSS.escape(alert.alert_id)}"]`)) return;
  const item = document.createElement('li');
  item.dataset.alertId = alert.alert_id;
  item.append(text('span', alert.severity, `sev sev-${alert.severity}`),
    text('time', new Date(alert.detected_at).toLocaleTimeString() + ' '),
    text('span', describe(alert)),
    text('code', ' ' + alert.alert_id));
  if (alert.kind === 'fraud') item.append(triageControls(alert.alert_id), explanations(alert));
  feed.prepend(item);
  while (feed.children.length > MAX_FEED) feed.lastChild.remove();
}

function fillTable(id, counts) {
  const body = document.getElementById(id);
  body.replaceChildren(...Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([name, n]) => {
    const row = document.createElement('tr');
    row.append(text('td', name), text('td', String(n)));
    return row;
  }));
}

let countsPending = false;
function refreshCounts() {
  if (countsPending) return;
  countsPending = true;
  setTimeout(() => fetch('/alerts/counts').then(r => r.json()).then(c => {
    document.getElementById('total').textContent = c.total;
    fillTable('by-type', c.by_type);
    fillTable('by-severity', c.by_severity);
  }).finally(() => { countsPending = false; }), 300);
}

// --- triage: acknowledge, resolve and label fraud alerts (PUT /alerts/{id}/triage) ---------------
const triage = new Map(); // alert_id -> latest triage seen here
const token = document.getElementById('token');
token.value = sessionStorage.getItem('streamsight-token') || '';
token.addEventListener('change', () => sessionStorage.setItem('streamsight-token', token.value));

function triageLabel(t) {
  if (!t) return 'open';
  return [t.state, t.disposition, t.assignee && `@${t.assignee}`].filter(Boolean).join(' · ');
}

function showTriage(t) {
  triage.set(t.alert_id, t);
  const badge = document.querySelector(`#feed li[data-alert-id="${CSS.escape(t.alert_id)}"] .triage-state`);
  if (badge) badge.textContent = triageLabel(t);
}

function changeTriage(alertId, change) {
  fetch(`/alerts/${encodeURIComponent(alertId)}/triage`, {
    method: 'PUT',
    headers: {'Content-Type': 'application/json', Authorization: `Bearer ${token.value}`},
    body: JSON.stringify(change),
  }).then(r => r.json().then(body => {
    if (r.ok) showTriage(body);
    else status.textContent = `triage refused: ${body.detail || r.status}`;
  }));
}

function triageControls(alertId) {
  const controls = document.createElement('span');
  controls.className = 'triage';
  controls.append(text('span', triageLabel(triage.get(alertId)), 'triage-state'));
  [['ack', {state: 'acknowledged'}], ['fraud', {state: 'resolved', disposition: 'fraud'}],
   ['legitimate', {state: 'resolved', disposition: 'legitimate'}]].forEach(([name, change]) => {
    const button = text('button', name);
    button.dataset.triage = name;
    button.addEventListener('click', () => changeTriage(alertId, change));
    controls.append(button);
  });
  return controls;
}

fetch('/triage').then(r => (r.ok ? r.json() : [])).then(all => all.forEach(showTriage));

// The browser reconnects by itself and sends Last-Event-ID, so the feed has no gaps.
const alerts = new EventSource('/alerts/stream?replay=50');
alerts.addEventListener('open', () => { status.textContent = 'live'; });
alerts.addEventListener('error', () => { status.textContent = 'reconnecting…'; });
alerts.addEventListener('alert', event => { showAlert(JSON.parse(event.data)); refreshCounts(); });
refreshCounts();

// --- per-location chart -------------------------------------------------------------------
const windows = new Map(); // location -> Map(window_start -> row)

function addWindow(row) {
  if (!windows.has(row.location)) windows.set(row.location, new Map());
  windows.get(row.location).set(row.window_start, row);
}

function drawChart() {
  const svg = document.getElementById('chart');
  const legend = document.getElementById('legend');
  const [width, height, pad] = [640, 240, 30];
  const rows = [...windows.values()].flatMap(m => [...m.values()]);
  if (rows.length === 0) return;
  const times = rows.map(r => Date.parse(r.window_end));
  const tMin = Math.min(...times), tMax = Math.max(...times);
  const yMax = Math.max(1, ...rows.map(r => r.transaction_count));
  const x = t => pad + (tMax === tMin ? (width - 2 * pad) / 2 : (t - tMin) / (tMax - tMin) * (width - 2 * pad));
  const y = v => height - pad - v / yMax * (height - 2 * pad);
  const ns = 'http://www.w3.org/2000/svg';
  const shapes = [];
  const axis = document.createElementNS(ns, 'path');
  axis.setAttribute('d', `M${pad} ${pad} V${height - pad} H${width - pad}`);
  axis.setAttribute('stroke', '#999');
  axis.setAttribute('fill', 'none');
  shapes.push(axis);
  const top = document.createElementNS(ns, 'text');
  top.setAttribute('x', 2);
  top.setAttribute('y', pad);
  top.setAttribute('font-size', '10');
  top.textContent = String(yMax);
  shapes.push(top);
  const entries = [];
  [...windows.keys()].sort().forEach((location, i) => {
    const color = COLORS[i % COLORS.length];
    const points = [...windows.get(location).values()]
      .sort((a, b) => Date.parse(a.window_end) - Date.parse(b.window_end))
      .map(r => `${x(Date.parse(r.window_end)).toFixed(1)},${y(r.transaction_count).toFixed(1)}`);
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', points.join(' '));
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', color);
    line.setAttribute('stroke-width', '2');
    line.dataset.location = location;
    shapes.push(line);
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.style.background = color;
    item.append(swatch, location);
    item.dataset.location = location;
    entries.push(item);
  });
  svg.replaceChildren(...shapes);
  legend.replaceChildren(...entries);
}

fetch('/analytics').then(r => r.json()).then(rows => { rows.forEach(addWindow); drawChart(); });
const analytics = new EventSource('/analytics/stream');
analytics.addEventListener('message', event => { addWindow(JSON.parse(event.data)); drawChart(); });

// --- consumer lag: GET /lag, polled ---------------------------------------------------------
const LAG_REFRESH_MS = 5000;

function showLag(snapshot) {
  document.getElementById('lag-polled').textContent =
    snapshot.polled_at ? `(as of ${new Date(snapshot.polled_at).toLocaleTimeString()})` : '(not polled yet)';
  document.getElementById('lag-groups').replaceChildren(...snapshot.groups.map(g => {
    const row = document.createElement('tr');
    row.dataset.group = g.group;
    row.append(text('td', g.group), text('td', g.status, `lag-${g.status.toLowerCase()}`), text('td', String(g.members)),
      text('td', String(g.max_lag)), text('td', String(g.sum_lag)),
      text('td', g.max_lag_seconds === null ? '–' : g.max_lag_seconds.toFixed(1)));
    return row;
  }));
}

function refreshLag() {
  fetch('/lag').then(r => r.json()).then(showLag).finally(() => setTimeout(refreshLag, LAG_REFRESH_MS));
}
refreshLag();

// --- detection latency: GET /latency, polled ---------------------------------------------------
function millis(value) {
  return value === null ? '–' : value.toFixed(1);
}

function showLatency(view) {
  document.getElementById('latency-window').textContent = `(last ${view.window.replace('PT', '').toLowerCase()})`;
  if (view.stages.length === 0) {
    return;
  }
  document.getElementById('latency-stages').replaceChildren(...view.stages.map(s => {
    const row = document.createElement('tr');
    row.dataset.stage = s.stage === 'received' ? 'received' : `${s.stage}-${s.receiver_type}`;
    row.append(text('td', s.stage === 'received' ? 'received' : `delivered (${s.receiver_type})`),
      text('td', millis(s.p50_ms)), text('td', millis(s.p99_ms)), text('td', millis(s.max_ms)), text('td', String(s.count)));
    return row;
  }));
}

function refreshLatency() {
  fetch('/latency').then(r => r.json()).then(showLatency).catch(() => {})
    .finally(() => setTimeout(refreshLatency, 5000));
}
refreshLatency();

// --- detection quality (GET /quality) ---------------------------------------------------------
function percent(ratio) {
  return ratio === null ? '–' : (100 * ratio).toFixed(1) + '%';
}

function qualityRow(key, value, cells) {
  const row = document.createElement('tr');
  row.dataset[key] = value;
  row.append(...cells.map(c => text('td', c)));
  return row;
}

function showQuality(q) {
  const o = q.overall;
  document.getElementById('quality-window').textContent =
    `(transactions first seen ${new Date(q.window_start).toLocaleTimeString()}–${new Date(q.window_end).toLocaleTimeString()})`;
  document.getElementById('quality-overall').textContent =
    `${q.transactions} transactions, ${o.ground_truth} fraud, ${o.flagged} flagged: ` +
    `precision ${percent(o.precision)}, recall ${percent(o.recall)}`;
  document.getElementById('quality-patterns').replaceChildren(...q.patterns.map(p => qualityRow('pattern', p.pattern, [
    p.pattern, percent(p.recall), `${p.detected} / ${p.ground_truth}`,
    Object.entries(p.caught_by).map(([rule, n]) => `${rule} ${n}`).join(', ')])));
  const ruleRow = (r, label) => qualityRow('rule', r.rule_id, [
    label, percent(r.precision), percent(r.recall),
    `${r.true_positives} / ${r.false_positives} / ${r.false_negatives}`]);
  document.getElementById('quality-rules').replaceChildren(
    ...q.rules.map(r => ruleRow(r, r.rule_id)),
    ...(q.shadow_rules || []).map(r => ruleRow(r, `${r.rule_id} (shadow)`)));
}

function refreshQuality() {
  // 503 until the topics are read; a failed fetch is retried on the next round
  fetch('/quality').then(r => (r.ok ? r.json() : null)).then(q => { if (q) showQuality(q); })
    .catch(() => {}).finally(() => setTimeout(refreshQuality, 5000));
}
refreshQuality();
