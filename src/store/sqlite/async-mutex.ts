/**
 * A first-in first-out lock for async code. The SQLite store has one connection: while a
 * transaction awaits, other statements must wait for it instead of slipping into it.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  /** True while someone holds the lock or waits for it. */
  get locked(): boolean {
    return this.waiting > 0;
  }

  async acquire(): Promise<() => void> {
    this.waiting += 1;
    const previous = this.tail;
    let release: () => void = () => undefined;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.waiting -= 1;
      release();
    };
  }
}
