// Runs async sections one after another per key. A subject's attachment list is a
// read-modify-write of one settings row: two uploads finishing together both read
// the old list and the later write drops the other's link (issue 12, item 6).
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, section: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(section, section);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget the key once nobody is queued behind this section: the map stays small.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get pending(): number {
    return this.tails.size;
  }
}
