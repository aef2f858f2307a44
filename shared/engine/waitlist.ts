// R16 waitlists as data structures: one queue per stream, and an index of
// the streams that could take someone now (a free seat and a non-empty
// queue), ordered by the join order of their queue's head.
//
// After an event the engine fills seats by popping that index, so a fill
// costs O(log s) per stream touched, never a scan of every queue.

/** Someone waiting in a stream's queue: a waitlisted application, or a standing transfer request. */
export interface QueueEntry {
  /** global join order: a larger number joined later */
  seq: number;
  applicationId: string;
  /** `wait`: a stage-2 submission to a full stream; `transfer`: a placed child's standing request */
  kind: 'wait' | 'transfer';
  streamKey: string;
  /** the `at` of the event that made the entry, as written */
  since: string;
  /** false once the entry left the queue (placed, withdrawn, replaced, lapsed) */
  live: boolean;
}

/**
 * A stream's queue in join order. Entries leave from anywhere (a withdrawal,
 * a replaced request), so they are only marked dead and skipped; the array
 * is compacted once the dead prefix is large.
 */
export class StreamQueue {
  private entries: QueueEntry[] = [];
  private head = 0;
  /** live entries */
  size = 0;

  push(entry: QueueEntry): void {
    this.entries.push(entry);
    this.size++;
  }

  /** The earliest live entry, or undefined. */
  first(): QueueEntry | undefined {
    while (this.head < this.entries.length && !this.entries[this.head].live) this.head++;
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return this.entries[this.head];
  }

  /** Marks an entry gone; the caller knows it is in this queue. */
  remove(entry: QueueEntry): void {
    if (!entry.live) return;
    entry.live = false;
    this.size--;
  }

  /** Live entries in join order. */
  *live(): IterableIterator<QueueEntry> {
    for (let i = this.head; i < this.entries.length; i++)
      if (this.entries[i].live) yield this.entries[i];
  }
}

/**
 * A binary min-heap of (head seq, stream key) candidates. Pushes may go stale
 * (the stream filled up, or its head left); the engine checks each popped
 * candidate against the stream's current state and drops stale ones.
 */
export class HeadIndex {
  private seqs: number[] = [];
  private keys: string[] = [];

  get size(): number {
    return this.seqs.length;
  }

  push(seq: number, key: string): void {
    const seqs = this.seqs,
      keys = this.keys;
    let i = seqs.length;
    seqs.push(seq);
    keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (seqs[p] <= seq) break;
      seqs[i] = seqs[p];
      keys[i] = keys[p];
      i = p;
    }
    seqs[i] = seq;
    keys[i] = key;
  }

  /** Removes the smallest candidate and returns its stream key and seq; undefined when empty. */
  pop(): { seq: number; key: string } | undefined {
    const seqs = this.seqs,
      keys = this.keys;
    if (seqs.length === 0) return undefined;
    const top = { seq: seqs[0], key: keys[0] };
    const lastSeq = seqs.pop()!,
      lastKey = keys.pop()!;
    const n = seqs.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && seqs[l + 1] < seqs[l] ? l + 1 : l;
        if (seqs[c] >= lastSeq) break;
        seqs[i] = seqs[c];
        keys[i] = keys[c];
        i = c;
      }
      seqs[i] = lastSeq;
      keys[i] = lastKey;
    }
    return top;
  }

  clear(): void {
    this.seqs = [];
    this.keys = [];
  }
}
