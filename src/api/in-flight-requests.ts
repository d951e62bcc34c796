/**
 * The requests being handled, so that closing the API lets them end before the Temporal connection
 * closes: a handler whose client went away keeps running (a query may be retrying), and a retry
 * that fires after the connection closed throws outside any request ("Channel has been shut down").
 * Closing aborts their Temporal calls, then waits for them to settle, within a bound.
 */
import type { ConnectionLike } from '@temporalio/client';

const SETTLE_LIMIT_MS = 10_000;

export class InFlightRequests {
  private readonly running = new Set<Promise<unknown>>();
  private readonly closing = new AbortController();

  constructor(private readonly connection: ConnectionLike) {}

  /** Runs a handler with its Temporal calls tied to the API's lifetime. */
  run<T>(handler: () => Promise<T>): Promise<T> {
    const call = this.connection.withAbortSignal(this.closing.signal, handler);
    this.running.add(call);
    void call.then(
      () => this.running.delete(call),
      () => this.running.delete(call),
    );
    return call;
  }

  /** Aborts what is still talking to Temporal and waits until every handler has settled (at most 10 s). */
  async close(): Promise<void> {
    this.closing.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => (timer = setTimeout(resolve, SETTLE_LIMIT_MS))),
    ]);
    clearTimeout(timer);
  }
}
