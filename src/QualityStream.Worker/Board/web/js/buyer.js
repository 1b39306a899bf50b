// The buyer page: this buyer's notices, newest first, and the current state of its own cells in plain words.
// The hub sends a buyer key nothing about other buyers or about sources as a whole.
import { connectHub } from './connect.js';
import { keyFromUrl, storedKey } from './key.js';
import { METRICS, clock, el } from './format.js';
import { QualityModel } from './model.js';
import { SnapshotSync } from './sync.js';
import { metricCell } from './cells.js';

const KEY = 'qs.buyerKey';
const STORED = 'qs.buyerNotices';
const WORDS = { warning: 'Below expectations', breach: 'Problem', stale: 'too few leads to judge' };
const model = new QualityModel();
let status = 'connecting';
let notices = loadNotices();

const $ = (id) => document.getElementById(id);

function loadNotices() {
  try {
    return JSON.parse(localStorage.getItem(STORED) ?? '[]');
  } catch {
    return [];
  }
}

function addNotice(notice) {
  if (notices.some((n) => n.noticeId === notice.noticeId)) return;
  // Newest first by time: notices replayed on connect can interleave with a live one.
  notices = [notice, ...notices].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 50);
  localStorage.setItem(STORED, JSON.stringify(notices));
  render();
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

function render() {
  const open = model.openIncidents().length;
  const live = status === 'live';
  $('status').dataset.level = !live ? 'stale' : open > 0 ? 'breach' : 'clear';
  $('headline').textContent = open === 0
    ? 'Your lead quality is within its normal range'
    : `We are looking into ${open} quality ${open === 1 ? 'problem' : 'problems'} with your leads`;
  $('connection').textContent = live ? 'Up to date' : status === 'connecting' ? 'Connecting…' : 'Connection lost, reconnecting…';
  const buyerId = notices[0]?.buyerId ?? [...model.cells.values()][0]?.buyerId;
  $('who').textContent = buyerId ? `Account: ${buyerId}` : '';

  $('notices').replaceChildren(...notices.map((n) => el('li', { class: 'notice', dataset: { kind: n.kind, notice: n.noticeId } },
    el('span', { class: 'kind' }, n.kind === 'recovered' ? 'Resolved' : 'Quality problem'),
    el('span', { class: 'muted' }, ` · ${new Date(n.at).toLocaleDateString()} ${clock(n.at)}`),
    el('p', {}, n.message))));
  $('no-notices').hidden = notices.length > 0;

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
  onStatus: (s) => { status = s; render(); },
  setup: (connection) => {
    const sync = new SnapshotSync(connection, model, { trackGaps: false, onUpdate: render });
    connection.on('StateChanged', (c) => sync.change(c));
    connection.on('RatesUpdated', (batch) => sync.rates(batch));
    connection.on('Resync', () => sync.resync().catch(() => {}));
    connection.on('Notice', addNotice);
    return sync;
  },
});
render();
