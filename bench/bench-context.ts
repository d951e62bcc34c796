/**
 * What every benchmark runs on: one embedded Temporal dev server (SQLite file and pragmas as
 * `npm start`), the workflows bundled once, and engines started on it with their own task queue and
 * database, which the figures point at the local Zoom and Twilio fakes (e-mail goes to the outbox
 * files). A bare worker (baseline workflows, no-op activity) runs on
 * the same server with the same worker settings, so every figure can be set beside bare Temporal.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '../src/config';
import { startEngine, type EngineOptions, type RunningEngine } from '../src/engine';
import { createLogger } from '../src/logging';
import { resolveTemporalBinary, TEMPORAL_CLI } from '../src/temporal/binaries';
import { FILE_SQLITE_PRAGMAS, startDevServer, type RunningDevServer } from '../src/temporal/dev-server';
import type { BaselineActivities } from '../src/workflows/baseline.workflow';
import { ApiClient } from '../test/harness/api-client';
import { freePort } from '../test/harness/ports';

export const BENCH_API_KEY = 'bench-api-key-0123456789';

/**
 * Worker settings of every engine and of the baseline worker: the SDK's defaults, as `npm start`
 * runs (bench/README.md says why); `BENCH_WORKER='{"maxCachedWorkflows":500}'` tries others.
 */
export const WORKER_SETTINGS: NonNullable<EngineOptions['workerOptions']> = JSON.parse(
  process.env.BENCH_WORKER ?? '{}',
);

export interface BenchEngine {
  engine: RunningEngine;
  api: ApiClient;
  dataDir: string;
  stop(): Promise<void>;
}

export interface BaselineWorker {
  client: Client;
  taskQueue: string;
  stop(): Promise<void>;
}

export interface BenchContext {
  dir: string;
  server: RunningDevServer;
  /** the engine's workflows, bundled once */
  workflowBundle: { code: string };
  startEngine(env?: Record<string, string>): Promise<BenchEngine>;
  /** `onActivity` hears every baseline activity as it runs (with the due time of a timer's) */
  startBaselineWorker(onActivity?: (dueAtMs: number | undefined) => void): Promise<BaselineWorker>;
  close(): Promise<void>;
}

export async function createBenchContext(): Promise<BenchContext> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const dir = mkdtempSync(path.join(tmpdir(), 'engine-bench-'));
  const [server, bundle] = await Promise.all([
    freePort().then((port) =>
      startDevServer({
        executable: resolveTemporalBinary(TEMPORAL_CLI),
        port,
        dbFile: path.join(dir, 'temporal.sqlite'),
        sqlitePragmas: FILE_SQLITE_PRAGMAS,
        logFile: path.join(dir, 'temporal.log'),
      }),
    ),
    bundleWorkflowCode({ workflowsPath: require.resolve('../src/workflows'), logger: new DefaultLogger('ERROR') }),
  ]);
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const workflowBundle = { code: bundle.code };
  const stops: (() => Promise<void>)[] = [];

  return {
    dir,
    server,
    workflowBundle,
    async startEngine(env = {}) {
      const dataDir = mkdtempSync(path.join(dir, 'engine-'));
      const port = await freePort();
      const config = loadConfig({
        DATA_DIR: dataDir,
        PORT: String(port),
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        API_KEY: BENCH_API_KEY,
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
        LOG_LEVEL: 'silent',
        ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
        ...env,
      });
      const engine = await startEngine({
        config,
        logger: createLogger(config.logLevel),
        parts: { worker: true, api: true },
        workflowBundle,
        workerOptions: WORKER_SETTINGS,
      });
      const stop = () => engine.stop();
      stops.push(stop);
      return { engine, api: new ApiClient(engine.apiUrl as string, BENCH_API_KEY), dataDir, stop };
    },
    async startBaselineWorker(onActivity) {
      const taskQueue = `baseline-${randomUUID()}`;
      const nativeConnection = await NativeConnection.connect({ address: server.address });
      const worker = await Worker.create({
        connection: nativeConnection,
        taskQueue,
        workflowBundle,
        activities: {
          baselineActivity: async (dueAtMs?: number) => onActivity?.(dueAtMs),
        } satisfies BaselineActivities,
        ...WORKER_SETTINGS,
      });
      const running = worker.run();
      const stop = async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
        await nativeConnection.close();
      };
      stops.push(stop);
      return { client, taskQueue, stop };
    },
    async close() {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      await connection.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Total size of the files under `dir`, in bytes. */
export function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directorySize(full) : statSync(full).size;
  }
  return total;
}

/** Runs one benchmark on a context of its own: `if (require.main === module) runAlone(figure)`. */
export function runAlone(figure: (context: BenchContext) => Promise<void>): void {
  (async () => {
    const context = await createBenchContext();
    try {
      await figure(context);
    } finally {
      await context.close();
    }
  })().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
