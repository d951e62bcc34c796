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
import { freePort } from './ports';
import { createPostgresDatabase } from './databases';
import type { ActivityDependencies } from '../../src/activities';
import type { DestinationStream } from 'pino';

export interface TestEngine {
  engine: RunningEngine;
  api: ApiClient;
  stop(): Promise<void>;
}

export const TEST_API_KEY = 'test-api-key-0123456789';

export interface TestEngineOptions {
  databaseUrl?: string;
  /** replace the configured senders (e.g. to count calls) */
  activities?: Pick<ActivityDependencies, 'email' | 'sms'>;
  /** where the engine's pino logger writes (e.g. an in-memory stream); default stdout */
  logDestination?: DestinationStream;
}

export async function startTestEngine(
  env: Record<string, string> = {},
  options: TestEngineOptions = {},
): Promise<TestEngine> {
  const dataDir = mkdtempSync(path.join(testTempDir(), 'engine-'));
  // A known port, so that PUBLIC_BASE_URL (the OAuth redirect) points at this engine.
  const port = await freePort();
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    API_KEY: TEST_API_KEY,
    TEMPORAL_ADDRESS: testTemporalAddress(),
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // A fresh PostgreSQL database per engine: PGlite takes seconds to load under Jest (its own
    // suites and the embedded-start test cover it); the SQL is the same.
    DATABASE_URL: options.databaseUrl ?? (await createPostgresDatabase()),
    ...env,
  });
  const engine = await startEngine({
    config,
    logger: createLogger(config.logLevel, options.logDestination),
    parts: { worker: true, api: true },
    workflowBundle: { codePath: testWorkflowBundlePath() },
    inMemoryDatabase: true,
    activityOverrides: options.activities,
  });
  return { engine, api: new ApiClient(engine.apiUrl as string, TEST_API_KEY), stop: () => engine.stop() };
}

/** IDs unique to this run, since all suites share one Temporal server. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Env for an engine talking to a Zoom fake. */
export function zoomEnv(fake: {
  apiBaseUrl: string;
  oauthBaseUrl: string;
  clientId: string;
  clientSecret: string;
}): Record<string, string> {
  return {
    ZOOM_CLIENT_ID: fake.clientId,
    ZOOM_CLIENT_SECRET: fake.clientSecret,
    ZOOM_API_BASE_URL: fake.apiBaseUrl,
    ZOOM_OAUTH_BASE_URL: fake.oauthBaseUrl,
  };
}

/** Waits until `probe` returns a value that is not undefined; fails with `what` after the deadline. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
