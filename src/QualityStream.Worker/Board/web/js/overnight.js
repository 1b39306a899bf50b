// The overnight panel: every incident open at some moment since the review's start (18:00 yesterday by default), how
// long it lasted, and what is still open. From the ledger's /api/review; without it the panel says history is missing.
import { UNAVAILABLE } from './api.js';
import { cellLabel, el, metricName, percent } from './format.js';
import { fitList } from './layout.js';
import { span, zoneClock, zoneWhen } from './zone.js';

export function renderOvernight(section, history, zone) {
  const review = history.review;
  const list = section.querySelector('ol');
  const summary = section.querySelector('.summary');
  section.querySelector('.range').textContent = review && review !== UNAVAILABLE
    ? `since ${zoneWhen(review.since, zone)} · times ${zone}` : `times ${zone}`;
  if (!review || review === UNAVAILABLE) {
    list.replaceChildren();
    summary.textContent = review === UNAVAILABLE ? 'History not available on this worker.' : 'Loading history…';
    return;
  }
  const incidents = review.incidents;
  const open = incidents.filter((i) => i.state !== 'closed').length;
  summary.textContent = incidents.length === 0 ? 'Nothing opened or closed.'
    : `${incidents.length} ${incidents.length === 1 ? 'incident' : 'incidents'}: ${incidents.length - open} closed, ${open} still open`;
  // Closed ones first by when they opened; those still open are in the problems list already.
  const ordered = [...incidents].sort((a, b) => (a.state === 'closed' ? 0 : 1) - (b.state === 'closed' ? 0 : 1)
    || b.openedAt.localeCompare(a.openedAt));
  fitList(list, ordered.map((i) => item(i, zone)), (left) => el('li', { class: 'more' }, `and ${left} more`));
}

function item(i, zone) {
  const closed = i.state === 'closed';
  return el('li', { class: 'night', dataset: { state: closed ? 'closed' : i.state, worst: i.worst, incident: i.incidentId } },
    el('span', { class: 'when' }, closed ? `${zoneClock(i.openedAt, zone)}–${zoneClock(i.closedAt, zone)}` : `${zoneClock(i.openedAt, zone)}–`),
    el('span', { class: 'dot', dataset: { state: i.worst }, 'aria-hidden': 'true' }),
    el('span', { class: 'what' }, `${cellLabel(i)} · ${metricName(i.metric)}`),
    el('span', { class: 'how muted' }, `${closed ? 'lasted' : 'open for'} ${span(i.durationSeconds)} · worst ${percent(i.peakRate)}`
      + (closed ? '' : ' · still open')));
}
