import type { EventEmitter } from 'node:events';

/**
 * Resolves with what `ready()` returns once it is not undefined, checked now and on each `event`
 * (no polling); rejects with `failure()` after `timeoutMs`. The fakes' `waitFor…` methods.
 */
export function waitUntil<T>(
  events: EventEmitter,
  event: string,
  ready: () => T | undefined,
  timeoutMs: number,
  failure: () => string,
): Promise<T> {
  const now = ready();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = ready();
      if (value === undefined) return;
      clearTimeout(timer);
      events.off(event, check);
      resolve(value);
    };
    const timer = setTimeout(() => {
      events.off(event, check);
      reject(new Error(failure()));
    }, timeoutMs);
    events.on(event, check);
  });
}
