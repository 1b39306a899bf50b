// One metric of one cell as a table cell: rate large, fraction small, state in words as well as colour.
import { el, lowIsBad, metricName, percent, recoveringText } from './format.js';
import { shownState } from './model.js';

const BOARD_WORDS = { warning: 'Warning', breach: 'Breach', stale: 'low sample', recovering: 'recovering' };

export function metricCell(cell, metric, { sourceProblems = null, words: names = BOARD_WORDS } = {}) {
  const m = cell.metrics[metric];
  const state = shownState(m);
  const stale = m?.state === 'insufficient';
  const words = [];
  if (names[state]) words.push(names[state]);
  if (stale) words.push(names.stale);
  const recovering = recoveringText(metric, state, m?.rate, m?.threshold);
  if (recovering && names.recovering) words.push(names.recovering);
  const label = `${metricName(metric)} ${percent(m?.rate)}${words.length ? `, ${words.join(', ')}` : ''}`;
  return el('td', {
    class: 'metric',
    dataset: {
      state: state ?? 'none', stale: stale ? 'true' : undefined, recovering: recovering ? 'true' : undefined, metric,
      sources: sourceProblems ? String(sourceProblems.count) : undefined, sourcesState: sourceProblems?.state,
    },
    'aria-label': recovering ? `${label}: ${recovering}` : label,
    title: recovering ?? (m?.threshold ? thresholdTitle(metric, m) : undefined),
  },
  el('span', { class: 'rate' }, percent(m?.rate)),
  el('span', { class: 'fraction' }, m ? `${m.numerator}/${m.denominator}` : ''),
  words.length ? el('span', { class: 'state' }, words.join(' · ')) : null,
  sourceProblems ? el('span', { class: 'sources', dataset: { state: sourceProblems.state } },
    `${sourceProblems.count} ${sourceProblems.count === 1 ? 'source' : 'sources'} ${sourceProblems.state}`) : null);
}

function thresholdTitle(metric, m) {
  const dir = lowIsBad(metric) ? 'below' : 'above';
  return `warn ${dir} ${percent(m.threshold.warn)}, breach ${dir} ${percent(m.threshold.breach)} (${m.thresholdScope})`;
}
