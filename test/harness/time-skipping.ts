import { TestWorkflowEnvironment } from '@temporalio/testing';
import { testTimeSkippingExecutable } from './harness-env';

/** A time-skipping test server (one per suite: it is cheap to start and timers are per server). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testTimeSkippingExecutable() } });
}
