// What the board knows beyond the present, from the worker's ledger: the overnight review, trust per buyer and each
// row's recent rates. Each part is fetched on its own and may be missing (404: this worker keeps no history); the
// panel that needs it then says so and the rest of the board works as before.
import { UNAVAILABLE, getJson } from './api.js';
import { isZone, yesterdayAt } from './zone.js';

const REVIEW_SECONDS = 60;
const SLOW_SECONDS = 300;
// After a state change the ledger has it within moments; one fetch covers a burst of changes.
const CHANGE_DELAY_MS = 2000;

export class History {
  /**
   * @param params the page's query: `tz` (IANA zone of the operators) and `from` ("18:00", yesterday in that zone)
   *   override the worker's `Board:TimeZone` and `Board:OvernightFrom`.
   */
  constructor(storageName, params) {
    this.storageName = storageName;
    this.zoneParam = isZone(params.get('tz')) ? params.get('tz') : null;
    this.fromParam = /^([01]\d|2[0-3]):[0-5]\d$/.test(params.get('from') ?? '') ? params.get('from') : null;
    this.sparkHours = 6;
    this.review = null;
    this.trust = null;
    this.sparks = { buyer: null, source: null };
    this.onUpdate = () => {};
    this.pending = null;
    this.timers = null;
  }

  /** The operators' zone: the page's `tz`, else the worker's, else null (the browser's). */
  get zone() {
    return this.zoneParam ?? (this.review && this.review !== UNAVAILABLE ? this.review.timeZone : null);
  }

  /** Loads everything now, then keeps it fresh; called again (after a reconnect) it only loads again. */
  start(windowShown) {
    this.windowShown = windowShown;
    this.refreshReview();
    this.refreshSlow();
    if (this.timers) return;
    this.timers = [
      setInterval(() => this.refreshReview(), REVIEW_SECONDS * 1000),
      setInterval(() => this.refreshSlow(), SLOW_SECONDS * 1000),
    ];
  }

  /** A state change arrived: the overnight panel and trust follow shortly. */
  changed() {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.refreshReview();
      this.refreshTrust();
    }, CHANGE_DELAY_MS);
  }

  async refreshReview() {
    let path = '/api/review';
    if (this.zoneParam || this.fromParam) {
      const since = yesterdayAt(this.fromParam ?? '18:00', this.zoneParam ?? this.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
      path += `?since=${encodeURIComponent(since.toISOString())}`;
    }
    await this.load(path, (r) => { this.review = r; });
  }

  refreshSlow() {
    this.refreshTrust();
    this.refreshSparklines(this.windowShown());
  }

  refreshTrust() {
    return this.load('/api/trust', (r) => {
      this.trust = r === UNAVAILABLE ? UNAVAILABLE : new Map(r.buyers.map((b) => [b.buyerId, b]));
    });
  }

  refreshSparklines(window) {
    for (const scope of ['buyer', 'source']) {
      this.load(`/api/history/sparklines?scope=${scope}&window=${encodeURIComponent(window)}&hours=${this.sparkHours}`, (r) => {
        this.sparks[scope] = r === UNAVAILABLE ? UNAVAILABLE
          : new Map(r.cells.map((c) => [scope === 'buyer' ? c.buyerId : c.sourceId, c]));
      });
    }
  }

  async load(path, keep) {
    try {
      keep(await getJson(this.storageName, path));
      this.onUpdate();
    } catch {
      // Not answered this time (worker restarting, key being entered): keep what we had, the next round retries.
    }
  }

  hasTrust() {
    return this.trust instanceof Map;
  }

  hasSparklines() {
    return this.sparks.buyer instanceof Map || this.sparks.source instanceof Map;
  }

  trustOf(buyerId) {
    return this.trust instanceof Map ? this.trust.get(buyerId) ?? null : null;
  }

  sparkOf(scope, id) {
    const map = this.sparks[scope];
    return map instanceof Map ? map.get(id) ?? null : null;
  }
}
