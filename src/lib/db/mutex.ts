/** A promise queue: one holder at a time, in arrival order. */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn, fn);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Waits for its turn and holds the mutex until the returned function is called (for a holder
   * whose work spans several events, such as a staff connection's transaction).
   */
  acquire(): Promise<() => void> {
    return new Promise((granted) => {
      void this.run(() => new Promise<void>((release) => granted(release)));
    });
  }
}
