// The morning report: /api/review as a page to read at 7 AM or print. `?since=` (an instant) or `?from=18:00` and
// `?tz=Europe/Berlin` choose the period; by default the worker's Board:OvernightFrom yesterday in Board:TimeZone.
import { UNAVAILABLE, getJson } from './api.js';
import { askForKey, forgetKey, keyFromUrl, storedKey } from './key.js';
import { METRICS, cellLabel, el, lowIsBad, metricName, percent } from './format.js';
import { isZone, span, zoneDateTime, yesterdayAt } from './zone.js';

const KEY = 'qs.boardKey';
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(window.location.search);

function path() {
  if (params.get('since')) return `/api/review?since=${encodeURIComponent(params.get('since'))}`;
  const tz = isZone(params.get('tz')) ? params.get('tz') : null;
  const from = /^([01]\d|2[0-3]):[0-5]\d$/.test(params.get('from') ?? '') ? params.get('from') : null;
  if (!tz && !from) return '/api/review';
  const since = yesterdayAt(from ?? '18:00', tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  return `/api/review?since=${encodeURIComponent(since.toISOString())}`;
}

async function load() {
  keyFromUrl(KEY);
  if (!storedKey(KEY)) await askForKey(KEY);
  for (;;) {
    try {
      const review = await getJson(KEY, path());
      if (review === UNAVAILABLE) {
        fail('This worker keeps no history: the morning review is not available.');
        return;
      }
      render(review);
      return;
    } catch (error) {
      if (/HTTP 40[13]/.test(String(error))) {
        forgetKey(KEY);
        await askForKey(KEY, 'That key was not accepted. A board or admin key is needed.');
        continue;
      }
      fail(`The review could not be loaded (${error.message}).`);
      return;
    }
  }
}

function fail(message) {
  $('period').textContent = '';
  $('review-error').textContent = message;
  $('review-error').hidden = false;
}

function render(r) {
  const zone = params.get('tz') && isZone(params.get('tz')) ? params.get('tz') : r.timeZone;
  const when = (iso) => (iso ? zoneDateTime(iso, zone) : '');
  $('period').textContent = `${when(r.since)} to ${when(r.until)} · times ${zone}`;
  document.documentElement.dataset.loaded = 'true';
  const closed = r.incidents.filter((i) => i.state === 'closed').length;
  $('summary').textContent = r.incidents.length === 0 ? 'No incident was open during the period.'
    : `${r.incidents.length} ${r.incidents.length === 1 ? 'incident' : 'incidents'} open during the period: ${closed} closed, ${r.stillOpen} still open.`;
  $('incidents').querySelector('tbody').replaceChildren(...r.incidents.map((i) => el('tr', { dataset: { state: i.state, incident: i.incidentId } },
    el('td', {}, when(i.openedAt)),
    el('td', {}, i.closedAt ? when(i.closedAt) : el('strong', {}, 'still open')),
    el('td', { class: 'num' }, span(i.durationSeconds)),
    el('td', {}, cellLabel(i), el('span', { class: 'muted' }, ` ${i.scope.replace('_', '×')}`)),
    el('td', {}, metricName(i.metric)),
    el('td', {}, el('span', { class: 'badge', dataset: { state: i.worst } }, i.worst)),
    el('td', { class: 'num' }, percent(i.peakRate)),
    el('td', { class: 'num' }, percent(i.lastRate)))));
  $('incidents').hidden = r.incidents.length === 0;

  $('worst').querySelector('tbody').replaceChildren(...r.worst.map((w) => el('tr', { dataset: { state: w.state } },
    el('td', {}, cellLabel(w)),
    el('td', {}, metricName(w.metric)),
    el('td', {}, el('span', { class: 'badge', dataset: { state: w.state } }, w.state)),
    el('td', { class: 'num' }, percent(w.rate)),
    el('td', { class: 'num' }, w.threshold ? `${lowIsBad(w.metric) ? '≥' : '≤'} ${percent(w.threshold.warn)}` : ''),
    el('td', { class: 'num' }, String(w.sample)))));
  $('worst').hidden = r.worst.length === 0;
  $('no-worst').hidden = r.worst.length > 0;

  $('trends').querySelector('tbody').replaceChildren(...r.buyers.map((b) => el('tr', { dataset: { buyer: b.buyerId } },
    el('th', { scope: 'row' }, b.buyerId),
    el('td', { class: 'num' }, String(b.volume), against(b.lastWeek ? String(b.lastWeek.volume) : null)),
    METRICS.map((m) => el('td', { class: 'num' }, percent(b.rates[m]), against(b.lastWeek ? percent(b.lastWeek.rates[m]) : null))),
    el('td', { class: 'num' }, trust(b)))));
  $('trends').hidden = r.buyers.length === 0;
  $('no-buyers').hidden = r.buyers.length > 0;
}

const against = (then) => (then === null ? null : el('span', { class: 'muted' }, ` (last week ${then})`));

function trust(b) {
  const now = b.trust <= 0 ? 'lost' : percent(b.trust);
  if (b.trust === b.trustBefore) return now;
  return el('span', { class: b.trust < b.trustBefore ? 'down' : 'up' }, `${now} (was ${b.trustBefore <= 0 ? 'lost' : percent(b.trustBefore)})`);
}

load();
