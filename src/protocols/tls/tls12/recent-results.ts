// A small first-in-first-out cache for the RSA private-key operations, which
// took 25-40 ms each with node-forge on the 2048-bit teaching key (Node 20, a
// shared build machine). One build decrypts the same ciphertext twice, and a
// rebuild repeats both operations when only a parameter other than the seed
// changes.

export class RecentResults<Value> {
  private readonly entries = new Map<string, Value>();

  constructor(private readonly capacity: number) {}

  /** Returns the stored value for `key`, or computes, stores and returns it. */
  getOrCompute(key: string, compute: () => Value): Value {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;

    const value = compute();
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
    return value;
  }
}
