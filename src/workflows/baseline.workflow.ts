/**
 * Bare Temporal, for the benchmarks (bench/): the least a workflow can do, run on the same server
 * with the same worker settings as the engine, so each figure of the engine has a baseline beside it.
 * Not used by the engine itself; the tests use them to prove the Temporal servers really run.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';

export interface BaselineActivities {
  /** does nothing; `dueAtMs` lets the benchmark measure how late it runs */
  baselineActivity(dueAtMs?: number): Promise<void>;
}

const { baselineActivity } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '1 minute' });

/** One activity, then done: what a booking would cost if it were nothing but a workflow. */
export async function baselineOneActivity(): Promise<void> {
  await baselineActivity();
}

/**
 * A durable timer until `dueAtMs` (workflow time), then one activity: what a reminder would cost.
 * Answers when it started and when the timer fired, in workflow time (the test servers' own proof).
 */
export async function baselineTimerThenActivity(dueAtMs: number): Promise<{ startedAt: number; firedAt: number }> {
  const startedAt = Date.now();
  await sleep(Math.max(1, dueAtMs - startedAt));
  const firedAt = Date.now();
  await baselineActivity(dueAtMs);
  return { startedAt, firedAt };
}
