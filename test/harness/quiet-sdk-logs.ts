/**
 * Per suite: the Temporal SDK logs warnings and errors only, so test output stays readable; and
 * its native runtime is shut down after the suite, or it keeps Jest from exiting.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({
  logger: new DefaultLogger((process.env.TEST_SDK_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN'),
  shutdownSignals: [],
});

afterAll(async () => {
  await Runtime.instance().shutdown();
});
