// The wall board: one question at a glance, "is anything wrong right now?", then what happened overnight. Everything
// fits one screen; normal values stay grey, only warnings (amber) and breaches (red) take colour.
import { connectHub } from './connect.js';
import { METRICS, accountText, cellLabel, el, intervalText, lowIsBad, metricName, percent, reasonText, shortMetricName, standingText } from './format.js';
import { QualityModel, isProblem, shownState } from './model.js';
import { SnapshotSync } from './sync.js';
import { metricCell } from './cells.js';
import { countProblems, groupProblems } from './problems.js';
import { fitList, layoutGrids } from './layout.js';
import { sparkline } from './sparkline.js';
import { History } from './history.js';
import { renderOvernight } from './overnight.js';
import { browserZone, span, zoneClock, zoneWhen } from './zone.js';

const KEY = 'qs.boardKey';
// A grid that does not fit even condensed shows its pages in turn.
const PAGE_SECONDS = 15;
const GRID_ATTEMPTS = [
  { size: 1.25 }, { size: 1.05 }, { size: 0.9 }, { size: 0.76 },
  { size: 0.76, tight: true }, { size: 0.76, tight: true, compact: true },
];

const model = new QualityModel();
const history = new History(KEY, new URLSearchParams(window.location.search));
const pages = { buyers: 0, sources: 0 };
const pageCounts = { buyers: 1, sources: 1 };
let status = 'connecting';
let windowShown = null;
let lastUpdate = null;

const $ = (id) => document.getElementById(id);
const zone = () => history.zone ?? browserZone();

function render() {
  const windows = model.windows();
  if (!windows.includes(windowShown)) windowShown = windows.includes('1h') ? '1h' : windows[0] ?? '1h';
  const problems = currentProblems();
  renderHeader(problems);
  renderWindows(windows);
  // The grids first: their width decides the left panel's, and so how its rows wrap and how many fit.
  renderGrids();
  renderProblems(problems);
  renderOvernight($('overnight-section'), history, zone());
  document.documentElement.dataset.seq = String(model.applied);
}

function currentProblems() {
  const bad = new Map();
  for (const cell of model.cells.values()) {
    if (cell.scope !== 'buyer_source') continue;
    for (const [metric, m] of Object.entries(cell.metrics)) {
      if (!isProblem(shownState(m))) continue;
      const key = `${cell.buyerId}|${metric}|${cell.window}`;
      if (!bad.has(key)) bad.set(key, []);
      bad.get(key).push(cell.sourceId);
    }
  }
  return groupProblems(model.openIncidents(), (buyerId, metric, window) => bad.get(`${buyerId}|${metric}|${window}`) ?? []);
}

function renderHeader(problems) {
  const { problems: n, breaches, warnings } = countProblems(problems);
  const level = n === 0 ? 'clear' : breaches > 0 ? 'breach' : 'warning';
  const parts = [];
  if (breaches) parts.push(`${breaches} ${breaches === 1 ? 'breach' : 'breaches'}`);
  if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  const counts = n === 0 ? 'All clear' : `${n} ${n === 1 ? 'problem' : 'problems'}: ${parts.join(', ')}`;
  const incidents = model.incidents.size;
  // The browser's clock: when this page last heard from the worker. Without a live connection the board cannot
  // answer "is anything wrong right now?", so it says that instead of the last known answer.
  const heard = lastUpdate ? zoneClock(lastUpdate.toISOString(), zone()) : null;
  const live = status === 'live';
  $('status').dataset.level = live ? level : 'stale';
  $('headline').textContent = live ? counts : heard ? 'Connection lost' : 'Connecting…';
  $('connection').textContent = live
    ? `Live · ${incidents} open ${incidents === 1 ? 'incident' : 'incidents'} · last update ${heard ?? 'just now'}`
    : heard ? `Reconnecting · last known at ${heard}: ${counts}` : 'Waiting for the worker…';
  $('clock').textContent = zoneClock(new Date().toISOString(), zone());
  $('zone').textContent = zone();
}

function renderWindows(windows) {
  $('windows').replaceChildren(...windows.map((w) => {
    const button = el('button', { type: 'button', 'aria-pressed': String(w === windowShown) }, w);
    button.addEventListener('click', () => { windowShown = w; history.refreshSparklines(windowShown); render(); });
    return button;
  }));
}

function renderProblems(problems) {
  fitList($('problems'), problems.map(problemItem), (left) => {
    const rest = problems.slice(problems.length - left);
    const breaches = rest.filter((p) => p.state === 'breach').length;
    return el('li', { id: 'more-problems', class: 'more' }, `and ${left} more: ${breaches} ${breaches === 1 ? 'breach' : 'breaches'}, `
      + `${left - breaches} ${left - breaches === 1 ? 'warning' : 'warnings'}`);
  });
  $('no-problems').hidden = problems.length > 0;
}

function problemItem(p) {
  const m = model.metricOf(p.lead);
  // What makes the verdict believable (the range the rate is surely in) and what to fix (why leads failed).
  const why = [intervalText(m), reasonText(model.cellOf(p.lead), p.metric)].filter(Boolean).join(' · ');
  const where = p.kind === 'source' ? p.sourceId : p.kind === 'buyer' ? p.buyerId : `${p.buyerId} · ${p.sourceId}`;
  let reach = '';
  if (p.kind === 'source') reach = p.buyers.length ? `source at ${p.buyers.length} ${p.buyers.length === 1 ? 'buyer' : 'buyers'}: ${names(p.buyers)}` : 'source';
  else if (p.kind === 'buyer') reach = p.sources.length ? `buyer, from ${p.sources.length} sources: ${names(p.sources)}` : 'buyer, all sources';
  else reach = 'one buyer, one source';
  const seconds = (Date.now() - new Date(p.openedAt).getTime()) / 1000;
  return el('li', { class: 'problem', dataset: { state: p.state, kind: p.kind, problem: p.id, incidents: String(p.incidents.length) } },
    el('span', { class: 'badge', dataset: { state: p.state } }, p.state === 'breach' ? 'Breach' : 'Warning'),
    el('span', { class: 'where' }, where),
    el('span', { class: 'rate' }, percent(m?.rate)),
    el('span', { class: 'at' }, zoneWhen(p.openedAt, zone())),
    el('span', { class: 'line2' },
      el('span', { class: 'reach muted', title: reach }, `${metricName(p.metric)} · ${reach}`),
      el('span', { class: 'standing' }, standingText(p.metric, m?.state === 'insufficient' ? m?.heldState : m?.state, m?.rate, m?.threshold)
        + (m?.state === 'insufficient' ? ' · low sample' : '')),
      el('span', { class: 'for muted' }, `for ${span(seconds)}`),
      why ? el('span', { class: 'why muted', title: why }, why) : null));
}

const names = (list) => (list.length <= 4 ? list.join(', ') : `${list.slice(0, 3).join(', ')} +${list.length - 3}`);

function renderGrids() {
  const trends = history.hasSparklines();
  const head = (first, withTrust) => el('tr', {},
    el('th', { scope: 'col' }, first),
    METRICS.map((metric) => el('th', { scope: 'col', title: metricName(metric) }, shortMetricName(metric))),
    withTrust ? el('th', { scope: 'col' }, 'Trust') : null,
    trends ? el('th', { scope: 'col', class: 'trend-head' }, `${history.sparkHours} h`) : null);
  const grids = [
    { name: 'buyers', section: $('buyers-section'), box: $('buyers'), head: head('Buyer', history.hasTrust()), rows: gridRows('buyer', true, trends) },
    { name: 'sources', section: $('sources-section'), box: $('sources'), head: head('Source', false), rows: gridRows('source', false, trends) },
  ];
  // Before the layout: a shown "no data" line takes height from the rows.
  grids.forEach((g) => { g.section.querySelector('.empty').hidden = g.rows.length > 0; });
  // As large as the data allows: a few buyers are read from across the room, a hundred sources still fit. When even
  // the smallest type is too wide, the left panel gives up some of its width, and then the cells drop their bad-source
  // counts and narrow their names and trends.
  const tryLayout = (attempt) => {
    $('grids').style.setProperty('--grid-font', `${attempt.size}rem`);
    $('grids').classList.toggle('compact', Boolean(attempt.compact));
    $('wall').classList.toggle('tight', Boolean(attempt.tight));
    const wall = getComputedStyle($('wall'));
    const available = $('wall').clientWidth - parseFloat(wall.paddingLeft) - parseFloat(wall.paddingRight)
      - parseFloat(wall.columnGap) - parseFloat(getComputedStyle($('left')).minWidth);
    return layoutGrids($('grids'), grids, (g) => pages[g.name], available);
  };
  // Every row at once if any attempt manages it; else the first that fits the width, turning pages.
  let layout = null;
  for (const attempt of GRID_ATTEMPTS) {
    layout = tryLayout(attempt);
    if (layout.fits) break;
  }
  if (!layout.fits) {
    const paged = GRID_ATTEMPTS.find((attempt) => attempt.size === GRID_ATTEMPTS.at(-1).size && tryLayout(attempt).widthFits);
    layout = tryLayout(paged ?? GRID_ATTEMPTS.at(-1));
  }
  const counts = layout.pages;
  grids.forEach((g, i) => {
    pageCounts[g.name] = counts[i];
    pages[g.name] = Math.min(pages[g.name], counts[i] - 1);
    const label = g.section.querySelector('.page');
    label.textContent = counts[i] > 1 ? `page ${pages[g.name] + 1} of ${counts[i]} · ${g.rows.length} in all` : '';
  });
}

function gridRows(scope, withSources, trends) {
  return model.cellsOf(scope, windowShown).map((cell) => el('tr', { dataset: { row: cellLabel(cell) } },
    rowHead(cell),
    METRICS.map((metric) => metricCell(cell, metric, { sourceProblems: withSources ? sourceProblems(cell, metric) : null })),
    withSources && history.hasTrust() ? trustCell(cell.buyerId) : null,
    trends ? el('td', { class: 'trend' }, trendOf(cell)) : null));
}

/**
 * A buyer whose account shape warns is marked by a bar beside its name (taking no width the grid's layout has not
 * measured); the title says why.
 */
function rowHead(cell) {
  const account = cell.scope === 'buyer' ? accountText(model.buyers.get(cell.buyerId)) : '';
  return el('th', { scope: 'row', title: account ? `${cellLabel(cell)}: ${account}` : cellLabel(cell), dataset: account ? { account: 'warning' } : {} },
    cellLabel(cell));
}

function trustCell(buyerId) {
  const t = history.trustOf(buyerId);
  if (!t) return el('td', { class: 'trust muted', dataset: { trust: 'unknown' } }, '—');
  const level = t.trust >= 0.9 ? 'good' : t.trust >= 0.5 ? 'warning' : 'breach';
  return el('td', { class: 'trust', dataset: { trust: level }, title: `${t.incidents90d} incidents in 90 days: ${t.label}` },
    t.trust <= 0 ? 'lost' : percent(t.trust));
}

/** The row's most telling metric: the one in the worst state, else the one nearest its warn level. */
function trendOf(cell) {
  const series = history.sparkOf(cell.scope, cell.buyerId ?? cell.sourceId);
  if (!series) return null;
  const rank = (metric) => {
    const m = cell.metrics[metric];
    const state = shownState(m);
    if (state === 'breach') return -3;
    if (state === 'warning') return -2;
    if (!m?.threshold || m.rate === null || m.rate === undefined || m.state === 'insufficient') return 2;
    // How far inside its warn level, relative to it: beyond it (not yet judged) counts as nearest, never as a state.
    const margin = (m.rate - m.threshold.warn) / Math.max(m.threshold.warn, 0.01);
    return Math.max(-1, Math.min(1, lowIsBad(metric) ? margin : -margin));
  };
  const metric = [...METRICS].sort((a, b) => rank(a) - rank(b))[0];
  const m = cell.metrics[metric];
  return sparkline(series[metric] ?? [], { metric, level: m?.threshold?.warn, state: shownState(m) });
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

function onUpdate(change) {
  lastUpdate = new Date();
  if (change) history.changed();
  render();
}

history.onUpdate = render;
connectHub(KEY, {
  onStatus: (s) => {
    // The history endpoints take the same key: ask once the hub has accepted it, and again after each reconnect.
    if (s === 'live' && status !== 'live') history.start(() => windowShown ?? '1h');
    status = s;
    render();
  },
  setup: (connection) => {
    const sync = new SnapshotSync(connection, model, { trackGaps: true, onUpdate });
    connection.on('StateChanged', (c) => sync.change(c));
    connection.on('RatesUpdated', (batch) => sync.rates(batch));
    connection.on('Resync', () => sync.resync().catch(() => {}));
    // Account shapes move over days and come only with a whole snapshot: a wall left on for days reloads it now and then.
    setInterval(() => sync.resync().catch(() => {}), 10 * 60 * 1000);
    // Board keys also receive buyer notices; the board shows the incidents behind them instead.
    connection.on('Notice', () => {});
    return sync;
  },
});

setInterval(() => {
  for (const name of Object.keys(pages)) pages[name] = (pages[name] + 1) % pageCounts[name];
  render();
}, PAGE_SECONDS * 1000);
window.addEventListener('resize', render);
render();
