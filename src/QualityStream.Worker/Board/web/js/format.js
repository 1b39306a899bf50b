// Words and numbers as people read them on the board and the buyer page.

export const METRICS = ['validity', 'duplicate', 'contact', 'return'];

const NAMES = { validity: 'Validity', duplicate: 'Duplicates', contact: 'Contact rate', return: 'Returns' };
const PLAIN = { validity: 'Valid leads', duplicate: 'Duplicate leads', contact: 'Leads reached', return: 'Leads returned' };

const SHORT = { validity: 'Valid', duplicate: 'Dupes', contact: 'Contact', return: 'Returns' };

export const metricName = (metric) => NAMES[metric] ?? metric;
/** Column heads of the wall's condensed grids, where a head wider than its numbers would cost a column. */
export const shortMetricName = (metric) => SHORT[metric] ?? metric;
export const plainMetricName = (metric) => PLAIN[metric] ?? metric;

/** Validity and contact are bad when low; duplicates and returns when high (docs/contract.md §3). */
export const lowIsBad = (metric) => metric === 'validity' || metric === 'contact';

export function percent(rate) {
  if (rate === null || rate === undefined) return '—';
  const p = rate * 100;
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1)}%`;
}

export function cellLabel(cell) {
  if (cell.scope === 'source') return cell.sourceId;
  if (cell.scope === 'buyer') return cell.buyerId;
  return `${cell.buyerId} · ${cell.sourceId}`;
}

export function clock(iso) {
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function clockSeconds(iso) {
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function duration(fromIso, now = Date.now()) {
  const minutes = Math.max(0, Math.round((now - new Date(fromIso).getTime()) / 60000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

/** "below 40%" or "above 12%": the level the current state crossed. */
export function limitText(metric, state, threshold) {
  if (!threshold) return '';
  const level = state === 'breach' ? threshold.breach : threshold.warn;
  return `${lowIsBad(metric) ? 'below' : 'above'} ${percent(level)}`;
}

/** Whether `rate` is on the good side of `level` for the metric (at the level counts as good, as the engine holds). */
export function onGoodSide(metric, rate, level) {
  if (rate === null || rate === undefined || level === null || level === undefined) return false;
  return lowIsBad(metric) ? rate >= level : rate <= level;
}

/**
 * A cell in warning or breach whose rate is already back on the good side of the level it crossed stays there until
 * the rate passes `clear` (hysteresis, docs/contract.md §5). Says so: "recovering: back above 85%, clears at 94%".
 * Null when the cell is not recovering.
 */
export function recoveringText(metric, state, rate, threshold) {
  if (!threshold || (state !== 'warning' && state !== 'breach')) return null;
  const dir = lowIsBad(metric) ? 'above' : 'below';
  if (onGoodSide(metric, rate, threshold.clear)) return `recovering: back ${dir} ${percent(threshold.clear)}, clearing`;
  const passed = onGoodSide(metric, rate, threshold.warn) ? threshold.warn
    : state === 'breach' && onGoodSide(metric, rate, threshold.breach) ? threshold.breach : null;
  if (passed === null) return null;
  return `recovering: back ${dir} ${percent(passed)}, clears at ${percent(threshold.clear)}`;
}

/** What to write beside a problem's rate: how it stands against its levels. */
export function standingText(metric, state, rate, threshold) {
  return recoveringText(metric, state, rate, threshold) ?? limitText(metric, state, threshold);
}

/** Builds an element: el('td', { class: 'x', dataset: { state: 'ok' } }, child, 'text'). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') {
      for (const [key, data] of Object.entries(value)) if (data !== undefined && data !== null) node.dataset[key] = data;
    } else if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const REASONS = {
  invalid_phone: 'bad phone', invalid_email: 'bad email', missing_contact: 'no phone or email', missing_name: 'no name',
  invalid_postal_code: 'bad postal code', duplicate: 'duplicate', filter_mismatch: 'filter mismatch',
  geographic_error: 'wrong area', no_contact: 'no contact', not_converted: 'not converted',
  consumer_misrepresented: 'misrepresented', changed_circumstances: 'changed circumstances', other: 'other',
};

/**
 * The range the true rate lies in, as the state is judged (docs/contract.md §4 confidence): "95% sure: 66–76%".
 * Empty when the threshold asks for no confidence or there is no rate.
 */
export function intervalText(m) {
  const i = m?.interval;
  if (!i) return '';
  return `${Math.round(i.confidence * 100)}% sure: ${percent(i.low).replace('%', '')}–${percent(i.high)}`;
}

/**
 * Why a validity or return problem happens: its cell's most frequent reasons, "mostly bad phone (42), no name (7)".
 * Empty for other metrics or a cell without reasons counted.
 */
export function reasonText(cell, metric) {
  const counts = metric === 'validity' ? cell?.invalidReasons : metric === 'return' ? cell?.returns?.byReason : null;
  const top = Object.entries(counts ?? {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, 2);
  if (top.length === 0) return '';
  return `mostly ${top.map(([reason, n]) => `${REASONS[reason] ?? reason} (${n})`).join(', ')}`;
}

/** A buyer's account warnings in words, for the buyer grid: "64% from fb-camp-7; 31% of revenue; volume −12% a week". */
export function accountText(b) {
  if (!b || !b.warnings?.length) return '';
  const parts = [];
  if (b.warnings.includes('source_concentration')) parts.push(`${percent(b.topSourceShare)} of leads from ${b.topSourceId}`);
  if (b.warnings.includes('revenue_concentration')) parts.push(`${percent(b.revenueShare)} of revenue`);
  if (b.warnings.includes('volume_decline')) parts.push(`volume ${percent(b.volumeChange)} week on week, two weeks falling`);
  return parts.join('; ');
}
