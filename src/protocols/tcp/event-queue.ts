// A priority queue of simulation events ordered by time, then by insertion
// order, so two events at the same instant always run in the order scheduled.

export interface QueuedEvent<T> {
  readonly time: number;
  readonly order: number;
  readonly event: T;
}

export class EventQueue<T> {
  private readonly heap: QueuedEvent<T>[] = [];
  private nextOrder = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, event: T): void {
    this.heap.push({ time, order: this.nextOrder++, event });
    this.siftUp(this.heap.length - 1);
  }

  /** Removes and returns the earliest event, or undefined when the queue is empty. */
  pop(): QueuedEvent<T> | undefined {
    const top = this.heap[0];
    if (!top) return undefined;

    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private before(a: QueuedEvent<T>, b: QueuedEvent<T>): boolean {
    return a.time < b.time || (a.time === b.time && a.order < b.order);
  }

  private swap(i: number, j: number): void {
    const held = this.heap[i]!;
    this.heap[i] = this.heap[j]!;
    this.heap[j] = held;
  }

  private siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(this.heap[child]!, this.heap[parent]!)) return;
      this.swap(child, parent);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    const length = this.heap.length;
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < length && this.before(this.heap[left]!, this.heap[smallest]!)) smallest = left;
      if (right < length && this.before(this.heap[right]!, this.heap[smallest]!)) smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }
}
