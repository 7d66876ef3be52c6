// One list of what to close, for the composition root (main.ts): each
// resource adds its disposer right after it is opened, and closing runs them
// in reverse, so what was opened last (the HTTP server) closes first and what
// everything else used (the printer, the scheduler) closes last. A start-up
// that fails halfway closes exactly what it had opened.

export type Disposer = () => void | Promise<void>;

export interface CleanupStack {
  /** Adds a disposer; it runs before every one added earlier. */
  defer(dispose: Disposer): void;
  /** Runs every disposer once, newest first. One that throws does not stop the others; the first error is thrown at the end. */
  close(): Promise<void>;
}

export function createCleanupStack(): CleanupStack {
  const disposers: Disposer[] = [];
  return {
    defer(dispose) {
      disposers.push(dispose);
    },
    async close() {
      const errors: unknown[] = [];
      for (let dispose = disposers.pop(); dispose; dispose = disposers.pop()) {
        try {
          await dispose();
        } catch (cause) {
          errors.push(cause);
        }
      }
      if (errors.length > 0) throw new Error(`${errors.length} disposer(s) failed while closing`, { cause: errors[0] });
    },
  };
}
