import { Context } from '@temporalio/activity';

/** Between heartbeats while an activity works; the SDK throttles them below any heartbeat timeout. */
const HEARTBEAT_INTERVAL_MS = 2_000;

/**
 * Runs `work` while telling Temporal this attempt is alive, so that a heartbeat timeout (set by the
 * calling workflow) tells a dead worker from a slow provider long before the start-to-close timeout.
 */
export async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return work(); // called outside an activity
  }
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
