/**
 * A full engine for API tests: worker and HTTP API on a random port, against the shared dev server,
 * with its own task queue and an in-memory embedded database, so suites do not see each other.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startEngine, type RunningEngine } from '../../src/engine';
import { createLogger } from '../../src/logging';
import { ApiClient } from './api-client';
import { testTempDir, testTemporalAddress, testWorkflowBundlePath } from './harness-env';

export interface TestEngine {
  engine: RunningEngine;
  api: ApiClient;
  stop(): Promise<void>;
}

export const TEST_API_KEY = 'test-api-key-0123456789';

export async function startTestEngine(env: Record<string, string> = {}, options: { databaseUrl?: string } = {}): Promise<TestEngine> {
  const dataDir = mkdtempSync(path.join(testTempDir(), 'engine-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    API_KEY: TEST_API_KEY,
    TEMPORAL_ADDRESS: testTemporalAddress(),
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...env,
  });
  const engine = await startEngine({
    config,
    logger: createLogger(config.logLevel),
    parts: { worker: true, api: true },
    workflowBundle: { codePath: testWorkflowBundlePath() },
    inMemoryDatabase: true,
  });
  return { engine, api: new ApiClient(engine.apiUrl as string, TEST_API_KEY), stop: () => engine.stop() };
}

/** IDs unique to this run, since all suites share one Temporal server. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
