// Keeps a QualityModel in step with the hub: snapshot first, then live changes in seq order. Each stream (a partition
// task, or the source stage) numbers its changes 1, 2, 3, … on its own, across restarts and moves. The board receives
// every change, so a skipped seq in a stream means it missed one: it reloads the snapshot. A buyer receives only its
// own changes, so gaps are normal there and only reconnects reload.

export class SnapshotSync {
  constructor(connection, model, { trackGaps, onUpdate }) {
    this.connection = connection;
    this.model = model;
    this.trackGaps = trackGaps;
    this.onUpdate = onUpdate;
    this.syncing = false;
    this.again = false;
    this.pending = [];
    this.pendingRates = [];
    this.loaded = false;
  }

  async resync() {
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = true;
    this.pending = [];
    this.pendingRates = [];
    try {
      do {
        this.again = false;
        const snapshot = await this.connection.invoke('GetSnapshot');
        this.model.load(snapshot);
      } while (this.again);
      this.loaded = true;
    } finally {
      this.syncing = false;
    }
    const pending = this.pending.sort((a, b) => (a.stream === b.stream ? a.seq - b.seq : a.stream < b.stream ? -1 : 1));
    const rates = this.pendingRates;
    this.pending = [];
    this.pendingRates = [];
    for (const batch of rates) this.model.applyRates(batch);
    this.onUpdate();
    for (const change of pending) this.change(change);
  }

  change(c) {
    if (this.syncing || !this.loaded) {
      this.pending.push(c);
      return;
    }
    const last = this.model.seqOf(c.stream);
    if (c.seq <= last) return; // already part of the snapshot
    if (this.trackGaps && c.seq > last + 1) {
      // The missed change and this one are both in a fresh snapshot.
      this.resync().catch(() => {});
      return;
    }
    this.model.applyChange(c);
    this.onUpdate(c);
  }

  rates(batch) {
    // A batch holds only the cells that changed in its second, so one dropped during a reload could leave a cell that
    // then stays quiet missing or stale for good: batches that come meanwhile are applied after the snapshot. One of
    // them may be older than the snapshot by a second; the cell's next batch puts that right.
    if (this.syncing || !this.loaded) {
      this.pendingRates.push(batch);
      return;
    }
    this.model.applyRates(batch);
    this.onUpdate();
  }
}
