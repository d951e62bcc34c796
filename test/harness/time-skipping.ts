import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addSearchAttributes } from '../../src/temporal/connection';
import { testTimeSkippingExecutable } from './harness-env';

/** A time-skipping test server (one per suite: it is cheap to start) with our search attributes. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: testTimeSkippingExecutable() },
  });
  await addSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
