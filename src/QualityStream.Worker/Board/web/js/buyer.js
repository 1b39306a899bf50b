// The buyer page: this buyer's open problems and its notices (the history kept by the worker, newest first), and the
// current state of its own cells in plain words. The hub and the API send a buyer key nothing about other buyers or
// about sources as a whole. Problems and notices come from the same incidents, so they never contradict each other.
import { connectHub } from './connect.js';
import { keyFromUrl, storedKey } from './key.js';
import { METRICS, clock, el, lowIsBad, percent, plainMetricName, recoveringText } from './format.js';
import { QualityModel, isProblem, shownState } from './model.js';
import { SnapshotSync } from './sync.js';
import { metricCell } from './cells.js';
import { groupProblems } from './problems.js';
import { UNAVAILABLE, getJson } from './api.js';

const KEY = 'qs.buyerKey';
const STORED = 'qs.buyerNotices';
const WORDS = { warning: 'Below expectations', breach: 'Problem', stale: 'too few leads to judge' };
const model = new QualityModel();
let status = 'connecting';
let notices = loadNotices();
// null until the worker's notice history answered; UNAVAILABLE when it keeps none.
let history = null;
const HISTORY_SECONDS = 60;

const $ = (id) => document.getElementById(id);

function loadNotices() {
  try {
    return JSON.parse(localStorage.getItem(STORED) ?? '[]');
  } catch {
    return [];
  }
}

function addNotices(list) {
  const known = new Set(notices.map((n) => n.noticeId));
  const fresh = list.filter((n) => !known.has(n.noticeId));
  if (fresh.length === 0) return;
  // Newest first by time: history, replayed and live notices interleave.
  notices = [...fresh, ...notices].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 100);
  localStorage.setItem(STORED, JSON.stringify(notices));
  setInterval(loadHistory, HISTORY_SECONDS * 1000);
render();
}

const addNotice = (notice) => addNotices([notice]);

async function loadHistory() {
  try {
    const answer = await getJson(KEY, '/api/notices');
    history = answer === UNAVAILABLE ? UNAVAILABLE : 'loaded';
    if (answer !== UNAVAILABLE) addNotices(answer.notices);
    setInterval(loadHistory, HISTORY_SECONDS * 1000);
render();
  } catch {
    // Not answered this time; the next round retries.
  }
}

/** Per cell and metric, the window its threshold judges (the one with a state), else 1h: what the buyer is held to. */
function currentCells() {
  const rows = new Map();
  for (const cell of model.cells.values()) {
    if (cell.scope === 'source') continue;
    const key = `${cell.scope}|${cell.sourceId ?? ''}`;
    const row = rows.get(key) ?? { scope: cell.scope, buyerId: cell.buyerId, sourceId: cell.sourceId, metrics: {}, windows: {} };
    for (const [metric, m] of Object.entries(cell.metrics)) {
      const held = row.metrics[metric];
      const judged = (x) => x.state !== null && x.state !== undefined;
      if (!held || (!judged(held) && (judged(m) || cell.window === '1h'))) {
        row.metrics[metric] = m;
        row.windows[metric] = cell.window;
      }
    }
    rows.set(key, row);
  }
  const order = (r) => (r.scope === 'buyer' ? '' : r.sourceId);
  return [...rows.values()].sort((a, b) => order(a).localeCompare(order(b)));
}

/** This buyer's open problems, grouped as the board groups them (a buyer problem from one source is that source's). */
function currentProblems() {
  const bad = new Map();
  for (const cell of model.cells.values()) {
    if (cell.scope !== 'buyer_source') continue;
    for (const [metric, m] of Object.entries(cell.metrics)) {
      if (!isProblem(shownState(m))) continue;
      const key = `${metric}|${cell.window}`;
      bad.set(key, [...(bad.get(key) ?? []), cell.sourceId]);
    }
  }
  return groupProblems(model.openIncidents(), (_, metric, window) => bad.get(`${metric}|${window}`) ?? []);
}

/** The level the problem's state crossed, as its notice says it: a breach is measured against the breach level. */
function expected(metric, state, threshold) {
  if (!threshold) return '';
  const level = state === 'breach' ? threshold.breach : threshold.warn;
  return lowIsBad(metric) ? `expected at least ${percent(level)}` : `expected at most ${percent(level)}`;
}

function problemItem(p) {
  const m = model.metricOf(p.lead);
  const where = p.sourceId ? `Leads from ${p.sourceId}` : 'All your leads';
  const improving = recoveringText(p.metric, m?.state, m?.rate, m?.threshold) !== null;
  const noticed = notices.some((n) => n.kind === 'breach' && p.incidents.some((i) => i.incidentId === n.incidentId));
  return el('li', { class: 'problem-now', dataset: { state: p.state, problem: p.id } },
    el('strong', {}, `${where}: ${plainMetricName(p.metric).toLowerCase()} ${percent(m?.rate)}`),
    el('span', { class: 'muted' }, ` (${expected(p.metric, p.state, m?.threshold)}) · since ${new Date(p.openedAt).toLocaleDateString()} ${clock(p.openedAt)}`),
    el('div', { class: 'doing' }, improving
      ? `Improving: back within expectations; we close it once it reaches ${percent(m.threshold.clear)} and stays there.`
      : p.state === 'breach'
        ? `We are investigating${noticed ? ' (see the notice below)' : ''} and will tell you here when it is resolved.`
        : 'Slightly below expectations: we are watching it and will send a notice if it gets worse.'));
}

function noticeItem(n) {
  const resolved = n.kind === 'breach' ? notices.find((r) => r.kind === 'recovered' && r.incidentId === n.incidentId) : null;
  // Every breach notice is followed by a recovery notice for its incident: until then it is being worked on.
  const doing = n.kind === 'recovered' ? 'Resolved: nothing more is needed from you.'
    : resolved ? `Resolved on ${new Date(resolved.at).toLocaleDateString()} at ${clock(resolved.at)}.`
      : 'We are investigating and will update you here.';
  const how = n.rate === null || n.rate === undefined ? '' : `${percent(n.rate)}${n.threshold === null || n.threshold === undefined ? ''
    : ` against ${lowIsBad(n.metric) ? 'at least' : 'at most'} ${percent(n.threshold)} expected`}`;
  return el('li', { class: 'notice', dataset: { kind: n.kind, notice: n.noticeId } },
    el('span', { class: 'kind' }, n.kind === 'recovered' ? 'Resolved' : 'Quality problem'),
    el('span', { class: 'muted' }, ` · ${new Date(n.at).toLocaleDateString()} ${clock(n.at)}`),
    el('p', {}, n.message),
    el('dl', { class: 'facts' },
      el('dt', {}, 'What'), el('dd', {}, `${plainMetricName(n.metric)}${n.sourceId ? ` from ${n.sourceId}` : ''}`),
      how ? [el('dt', {}, n.kind === 'recovered' ? 'Rate now' : 'How bad'), el('dd', {}, how)] : null,
      el('dt', {}, n.kind === 'recovered' ? 'Back to normal' : 'Since'), el('dd', {}, `${new Date(n.at).toLocaleDateString()} ${clock(n.at)}`),
      el('dt', {}, 'What we are doing'), el('dd', {}, doing)));
}

function render() {
  const problems = currentProblems();
  const open = problems.length;
  const live = status === 'live';
  $('status').dataset.level = !live ? 'stale' : open > 0 ? 'breach' : 'clear';
  $('headline').textContent = open === 0
    ? 'Your lead quality is within its normal range'
    : `We are looking into ${open} quality ${open === 1 ? 'problem' : 'problems'} with your leads`;
  $('connection').textContent = live ? 'Up to date' : status === 'connecting' ? 'Connecting…' : 'Connection lost, reconnecting…';
  const buyerId = notices[0]?.buyerId ?? [...model.cells.values()][0]?.buyerId;
  $('who').textContent = buyerId ? `Account: ${buyerId}` : '';

  $('problems-now').replaceChildren(...problems.map(problemItem));
  $('problems-now-section').hidden = open === 0;

  $('notices').replaceChildren(...notices.map(noticeItem));
  $('no-notices').hidden = notices.length > 0;
  $('no-notices').textContent = open > 0
    ? 'No notice has gone out yet: we send one when a problem reaches the level agreed with you. The problems above are being looked into.'
    : history === UNAVAILABLE ? 'No notices since this page was first opened here. If the quality of your leads slips, we will tell you here first.'
      : 'No notices in the last 90 days. If the quality of your leads slips, we will tell you here first.';

  const rows = currentCells().map((cell) => el('tr', {},
    el('th', { scope: 'row' }, cell.scope === 'buyer' ? 'All your leads' : `From ${cell.sourceId}`),
    METRICS.map((metric) => metricCell(cell, metric, { words: WORDS }))));
  $('cells').querySelector('tbody').replaceChildren(...rows);
  $('cells').closest('section').querySelector('.empty').hidden = rows.length > 0;
}

// A new key may belong to another buyer: notices kept from the previous key must not show.
function forgetNotices() {
  notices = [];
  localStorage.removeItem(STORED);
}
const previousKey = storedKey(KEY);
if (keyFromUrl(KEY) && storedKey(KEY) !== previousKey) forgetNotices();
document.getElementById('key-dialog').querySelector('form').addEventListener('submit', forgetNotices);

connectHub(KEY, {
  onStatus: (s) => {
    if (s === 'live' && status !== 'live') loadHistory();
    status = s;
    setInterval(loadHistory, HISTORY_SECONDS * 1000);
render();
  },
  setup: (connection) => {
    const sync = new SnapshotSync(connection, model, { trackGaps: false, onUpdate: render });
    connection.on('StateChanged', (c) => sync.change(c));
    connection.on('RatesUpdated', (batch) => sync.rates(batch));
    connection.on('Resync', () => sync.resync().catch(() => {}));
    connection.on('Notice', addNotice);
    return sync;
  },
});
setInterval(loadHistory, HISTORY_SECONDS * 1000);
render();
