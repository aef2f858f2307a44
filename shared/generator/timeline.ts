// What happens next: a min-heap of pending actions ordered by time, ties
// broken by the order they were scheduled, so the log comes out in time
// order and the same seed always gives the same sequence.

export type Action = () => void;

interface Entry {
  t: number;
  seq: number;
  run: Action;
}

export class Timeline {
  private readonly heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(t: number, run: Action): void {
    const entry: Entry = { t, seq: this.seq++, run };
    const h = this.heap;
    let i = h.length;
    h.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, h[parent])) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = entry;
  }

  /** Time of the next action, or Infinity when nothing is left. */
  peekTime(): number {
    return this.heap.length === 0 ? Infinity : this.heap[0].t;
  }

  pop(): Entry | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r], h[l]) ? r : l;
        if (!before(h[c], last)) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
