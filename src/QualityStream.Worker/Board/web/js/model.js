// The page's copy of the snapshot, kept current by StateChanged and RatesUpdated. No DOM here.

const PROBLEMS = new Set(['warning', 'breach']);

export const cellKey = (c) => `${c.scope}|${c.buyerId ?? ''}|${c.sourceId ?? ''}|${c.window}`;

/** The state to draw: a cell with too few leads keeps the state it held, drawn as stale. */
export function shownState(m) {
  if (!m) return null;
  return m.state === 'insufficient' ? (m.heldState ?? null) : m.state;
}

export const isProblem = (state) => PROBLEMS.has(state);

export class QualityModel {
  constructor() {
    this.cells = new Map();
    this.incidents = new Map();
    // The last seq applied of each stream (a partition task, or the source stage): changes are numbered per stream.
    this.streams = new Map();
    this.asOf = null;
    // Each buyer's account shape (concentration, revenue share, weekly volume): in the whole snapshot only.
    this.buyers = new Map();
  }

  load(snapshot) {
    this.cells = new Map(snapshot.cells.map((c) => [cellKey(c), { ...c, metrics: { ...c.metrics } }]));
    this.incidents = new Map(snapshot.incidents.map((i) => [i.incidentId, { ...i }]));
    this.streams = new Map(Object.entries(snapshot.streams ?? {}));
    this.asOf = snapshot.asOf;
    this.buyers = new Map((snapshot.buyers ?? []).map((b) => [b.buyerId, b]));
  }

  cell(scope, buyerId, sourceId, window) {
    const key = cellKey({ scope, buyerId, sourceId, window });
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { scope, buyerId, sourceId, window, metrics: {} };
      this.cells.set(key, cell);
    }
    return cell;
  }

  applyChange(c) {
    const cell = this.cell(c.scope, c.buyerId, c.sourceId, c.window);
    const numerator = c.rate === null ? 0 : Math.round(c.rate * c.sample);
    cell.metrics[c.metric] = {
      ...cell.metrics[c.metric],
      rate: c.rate, numerator, denominator: c.sample, state: c.to, heldState: null,
      threshold: c.threshold, thresholdScope: c.thresholdScope,
    };
    if (c.to === 'ok') {
      this.incidents.delete(c.incidentId);
    } else {
      const open = this.incidents.get(c.incidentId);
      this.incidents.set(c.incidentId, {
        incidentId: c.incidentId, metric: c.metric, window: c.window, scope: c.scope,
        buyerId: c.buyerId, sourceId: c.sourceId, state: c.to, openedAt: open?.openedAt ?? c.at,
      });
    }
    this.streams.set(c.stream, Math.max(this.seqOf(c.stream), c.seq));
    this.asOf = c.at;
  }

  seqOf(stream) {
    return this.streams.get(stream) ?? 0;
  }

  /** Changes applied over every stream: a number that only grows while the board is in step (tests wait on it). */
  get applied() {
    let total = 0;
    for (const seq of this.streams.values()) total += seq;
    return total;
  }

  applyRates(batch) {
    for (const r of batch) {
      const cell = this.cell(r.scope, r.buyerId, r.sourceId, r.window);
      const before = cell.metrics[r.metric] ?? {};
      const next = { ...before, rate: r.rate, numerator: r.numerator, denominator: r.denominator, state: r.state, interval: r.interval ?? null };
      if (r.state === 'insufficient') next.heldState = before.state === 'insufficient' ? before.heldState : before.state;
      else next.heldState = null;
      cell.metrics[r.metric] = next;
    }
  }

  metricOf(incident) {
    const cell = this.cells.get(cellKey(incident));
    return cell?.metrics[incident.metric];
  }

  cellOf(incident) {
    return this.cells.get(cellKey(incident));
  }

  /** Breaches first, then warnings; whole buyers and sources before single pairs; the oldest first. */
  openIncidents() {
    const severity = (i) => (i.state === 'breach' ? 0 : 1);
    const reach = (i) => ({ buyer: 0, source: 1 })[i.scope] ?? 2;
    return [...this.incidents.values()].sort((a, b) =>
      severity(a) - severity(b) || reach(a) - reach(b) || a.openedAt.localeCompare(b.openedAt));
  }

  counts() {
    let breaches = 0;
    let warnings = 0;
    for (const i of this.incidents.values()) {
      if (i.state === 'breach') breaches += 1;
      else if (i.state === 'warning') warnings += 1;
    }
    return { breaches, warnings };
  }

  windows() {
    const all = new Set([...this.cells.values()].map((c) => c.window));
    return [...all].sort((a, b) => windowSeconds(a) - windowSeconds(b));
  }

  cellsOf(scope, window) {
    return [...this.cells.values()]
      .filter((c) => c.scope === scope && c.window === window)
      .sort((a, b) => (a.buyerId ?? a.sourceId).localeCompare(b.buyerId ?? b.sourceId));
  }
}

function windowSeconds(w) {
  const m = /^(\d+)([smhd])$/.exec(w);
  if (!m) return Number.MAX_SAFE_INTEGER;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2]];
}
