/** How the global setup hands its servers to the suites (through process.env, inherited by Jest's workers). */
import type { RunningDevServer } from '../../src/temporal/dev-server';
import type { ResolvedExecutable } from '../../src/temporal/binaries';
import type { PostgresCluster } from './postgres-cluster';

export const HARNESS_ENV = {
  temporalAddress: 'ENGINE_TEST_TEMPORAL_ADDRESS',
  workflowBundlePath: 'ENGINE_TEST_WORKFLOW_BUNDLE',
  testServerExecutable: 'ENGINE_TEST_TIME_SKIPPING_EXECUTABLE',
  postgresAdminUrl: 'ENGINE_TEST_POSTGRES_ADMIN_URL',
  tempDir: 'ENGINE_TEST_TEMP_DIR',
} as const;

export interface HarnessHandles {
  devServer: RunningDevServer;
  postgres: PostgresCluster;
  dir: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (its global setup provides it)`);
  return value;
}

export const testTemporalAddress = () => required(HARNESS_ENV.temporalAddress);
export const testWorkflowBundlePath = () => required(HARNESS_ENV.workflowBundlePath);
export const testTimeSkippingExecutable = (): ResolvedExecutable =>
  JSON.parse(required(HARNESS_ENV.testServerExecutable));
export const testPostgresAdminUrl = () => required(HARNESS_ENV.postgresAdminUrl);
export const testTempDir = () => required(HARNESS_ENV.tempDir);
