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
    this.loaded = false;
  }

  async resync() {
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = true;
    this.pending = [];
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
    this.pending = [];
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
    // Rates carry no seq; during a reload the snapshot is the consistent picture and the next batch follows within a second.
    if (this.syncing || !this.loaded) return;
    this.model.applyRates(batch);
    this.onUpdate();
  }
}
