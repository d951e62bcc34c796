/**
 * Once per test run: provision the Temporal binaries, start one dev server shared by all suites,
 * bundle the workflows once, start a throwaway PostgreSQL. Suites find them through process.env.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { resolveTemporalBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../../src/temporal/binaries';
import { startDevServer } from '../../src/temporal/dev-server';
import { startPostgresCluster } from './postgres-cluster';
import { freePort } from './ports';
import { HARNESS_ENV, type HarnessHandles } from './harness-env';

export default async function globalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[harness] ${line}\n`);
  const dir = mkdtempSync(path.join(tmpdir(), 'engine-test-'));
  mkdirSync(dir, { recursive: true });

  const cli = resolveTemporalBinary(TEMPORAL_CLI, { log });
  const testServer = resolveTemporalBinary(TEMPORAL_TEST_SERVER, { log });
  process.env[HARNESS_ENV.testServerExecutable] = JSON.stringify(testServer);

  const [devServer, postgres, bundle] = await Promise.all([
    freePort().then((port) =>
      startDevServer({ executable: cli, port, logFile: path.join(dir, 'temporal-dev-server.log'), log }),
    ),
    startPostgresCluster(),
    bundleWorkflowCode({ workflowsPath: require.resolve('../../src/workflows'), logger: quietLogger }),
  ]);
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  process.env[HARNESS_ENV.temporalAddress] = devServer.address;
  process.env[HARNESS_ENV.workflowBundlePath] = bundlePath;
  process.env[HARNESS_ENV.postgresAdminUrl] = postgres.adminUrl;
  process.env[HARNESS_ENV.tempDir] = dir;

  const handles: HarnessHandles = { devServer, postgres, dir };
  (globalThis as { __engineHarness?: HarnessHandles }).__engineHarness = handles;
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`[bundle] ${message}\n`),
  error: (message: string) => process.stderr.write(`[bundle] ${message}\n`),
};
