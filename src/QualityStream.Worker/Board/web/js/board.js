// The wall board: one question at a glance, "is anything wrong right now?". Normal values stay grey;
// only warnings (amber) and breaches (red) take colour.
import { connectHub } from './connect.js';
import { METRICS, cellLabel, clock, clockSeconds, duration, el, limitText, metricName, percent } from './format.js';
import { QualityModel, isProblem, shownState } from './model.js';
import { SnapshotSync } from './sync.js';
import { metricCell } from './cells.js';

const model = new QualityModel();
const recent = [];
let status = 'connecting';
let windowShown = null;
let lastUpdate = null;

const $ = (id) => document.getElementById(id);

function render() {
  const windows = model.windows();
  if (!windows.includes(windowShown)) windowShown = windows.includes('1h') ? '1h' : windows[0] ?? '1h';
  renderHeader();
  renderWindows(windows);
  renderIncidents();
  renderGrid($('buyers'), model.cellsOf('buyer', windowShown), true);
  renderGrid($('sources'), model.cellsOf('source', windowShown), false);
  renderRecent();
  document.documentElement.dataset.seq = String(model.applied);
}

function renderHeader() {
  const { breaches, warnings } = model.counts();
  let level = 'clear';
  let counts = 'All clear';
  if (breaches + warnings > 0) {
    level = breaches > 0 ? 'breach' : 'warning';
    counts = `${breaches} ${breaches === 1 ? 'breach' : 'breaches'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
  }
  // The browser's clock: when this page last heard from the worker. Without a live connection the board cannot
  // answer "is anything wrong right now?", so it says that instead of the last known answer.
  const heard = lastUpdate ? clockSeconds(lastUpdate.toISOString()) : null;
  const live = status === 'live';
  $('status').dataset.level = live ? level : 'stale';
  $('headline').textContent = live ? counts : heard ? 'Connection lost' : 'Connecting…';
  $('connection').textContent = live
    ? `Live · last update ${heard ?? 'just now'}`
    : heard ? `Reconnecting · last known at ${heard}: ${counts}` : 'Waiting for the worker…';
}

function renderWindows(windows) {
  const box = $('windows');
  box.replaceChildren(...windows.map((w) => {
    const button = el('button', { type: 'button', 'aria-pressed': String(w === windowShown) }, w);
    button.addEventListener('click', () => { windowShown = w; render(); });
    return button;
  }));
}

// Enough rows to read from across the room; the rest are summed up so the grids stay on screen.
const MAX_INCIDENT_ROWS = 10;

function renderIncidents() {
  const open = model.openIncidents();
  const rows = open.slice(0, MAX_INCIDENT_ROWS).map((i) => {
    const m = model.metricOf(i);
    return el('tr', { dataset: { state: i.state, incident: i.incidentId } },
      el('td', {}, el('span', { class: 'badge', dataset: { state: i.state } }, i.state === 'breach' ? 'Breach' : 'Warning')),
      el('td', {}, metricName(i.metric)),
      el('td', {}, cellLabel(i), el('span', { class: 'muted' }, ` ${i.window}`)),
      el('td', { class: 'num' }, percent(m?.rate), el('span', { class: 'muted' },
        ` ${limitText(i.metric, i.state, m?.threshold)}${m?.state === 'insufficient' ? ' · low sample' : ''}`)),
      el('td', {}, `since ${clock(i.openedAt)}`, el('span', { class: 'muted' }, ` · ${duration(i.openedAt)}`)));
  });
  $('incidents').querySelector('tbody').replaceChildren(...rows);
  $('incidents').hidden = rows.length === 0;
  $('no-incidents').hidden = rows.length > 0;
  const rest = open.slice(MAX_INCIDENT_ROWS);
  const restBreaches = rest.filter((i) => i.state === 'breach').length;
  $('more-incidents').hidden = rest.length === 0;
  $('more-incidents').textContent = `and ${rest.length} more: ${restBreaches} ${restBreaches === 1 ? 'breach' : 'breaches'}, `
    + `${rest.length - restBreaches} ${rest.length - restBreaches === 1 ? 'warning' : 'warnings'}`;
}

function renderGrid(table, cells, withSources) {
  const rows = cells.map((cell) => el('tr', {},
    el('th', { scope: 'row' }, cellLabel(cell)),
    METRICS.map((metric) => metricCell(cell, metric, { sourceProblems: withSources ? sourceProblems(cell, metric) : null }))));
  table.querySelector('tbody').replaceChildren(...rows);
  table.closest('section').querySelector('.empty').hidden = rows.length > 0;
}

/** Buyer×source cells of this buyer in warning or breach: a problem hidden inside a healthy buyer average. */
function sourceProblems(buyerCell, metric) {
  const states = model.cellsOf('buyer_source', buyerCell.window)
    .filter((c) => c.buyerId === buyerCell.buyerId)
    .map((c) => shownState(c.metrics[metric]))
    .filter(isProblem);
  if (states.length === 0) return null;
  return { count: states.length, state: states.includes('breach') ? 'breach' : 'warning' };
}

function renderRecent() {
  $('changes').replaceChildren(...recent.map((c) => el('li', { dataset: { state: c.to } },
    el('span', { class: 'muted' }, clockSeconds(c.at)), ' ',
    el('span', { class: 'dot', dataset: { state: c.to }, 'aria-hidden': 'true' }), ' ',
    `${cellLabel(c)} · ${metricName(c.metric)} ${c.from} → ${c.to} (${percent(c.rate)})`)));
  $('no-changes').hidden = recent.length > 0;
}

function onChangeApplied(change) {
  lastUpdate = new Date();
  if (change) {
    recent.unshift(change);
    recent.length = Math.min(recent.length, 12);
  }
  render();
}

connectHub('qs.boardKey', {
  onStatus: (s) => { status = s; render(); },
  setup: (connection) => {
    const sync = new SnapshotSync(connection, model, { trackGaps: true, onUpdate: onChangeApplied });
    connection.on('StateChanged', (c) => sync.change(c));
    connection.on('RatesUpdated', (batch) => sync.rates(batch));
    connection.on('Resync', () => sync.resync().catch(() => {}));
    // Board keys also receive buyer notices; the board shows the incidents behind them instead.
    connection.on('Notice', () => {});
    return sync;
  },
});

// "since 35 min" and the header stay true while nothing happens.
setInterval(render, 30000);
render();
