/**
 * Starts the engine's parts in order (embedded Temporal dev server, database, worker, HTTP API) and
 * stops them in reverse. Used by every entry point and by the tests.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { createActivities, type ActivityDependencies } from './activities';
import { buildApiServer } from './api/server';
import type { Config } from './config';
import { createZoomClients } from './integrations/zoom/zoom-clients';
import type { Logger } from './logging';
import type { Database } from './store/database';
import { openDatabase } from './store/open-database';
import { createRepositories } from './store/repositories';
import { connectClient } from './temporal/client-connection';
import { ensureSearchAttributes } from './temporal/connection';
import { FILE_SQLITE_PRAGMAS, startDevServer, type RunningDevServer } from './temporal/dev-server';

export interface EngineParts {
  worker: boolean;
  api: boolean;
}

export interface EngineOptions {
  config: Config;
  logger: Logger;
  parts: EngineParts;
  /** A pre-built workflow bundle (tests build it once); default: bundle src/workflows at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Keep the embedded database in memory instead of DATA_DIR (tests). */
  inMemoryDatabase?: boolean;
  /** replace activity dependencies (tests: senders pointing at fakes) */
  activityOverrides?: Pick<ActivityDependencies, 'email' | 'sms'>;
  workerOptions?: Partial<
    Pick<
      WorkerOptions,
      | 'maxCachedWorkflows'
      | 'maxConcurrentActivityTaskExecutions'
      | 'maxConcurrentWorkflowTaskExecutions'
      | 'shutdownGraceTime'
    >
  >;
}

export interface RunningEngine {
  config: Config;
  db: Database;
  client: Client;
  apiUrl?: string;
  uiUrl?: string;
  temporalAddress: string;
  /** Stops the worker only (tests simulate a crash and a restart with it). */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  const { config, logger } = options;
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
    }
    cleanups.length = 0;
  };

  try {
    let devServer: RunningDevServer | undefined;
    if (!config.temporal.address) {
      devServer = await startEmbeddedTemporal(config, logger);
      cleanups.push(async () => {
        await devServer?.stop();
        rmSync(pidFile(config), { force: true });
      });
    }
    const address = config.temporal.address ?? (devServer as RunningDevServer).address;

    const clientConnection = await connectClient(address);
    const { connection } = clientConnection;
    cleanups.push(() => clientConnection.close());
    // also on the embedded server: a data dir from an older release lacks the attributes added since
    await ensureSearchAttributes(connection, config.temporal.namespace);
    const client = new Client({ connection, namespace: config.temporal.namespace });

    const db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: options.inMemoryDatabase ? undefined : config.dataDir,
    });
    cleanups.push(() => db.close());
    // built once, shared by the worker's activities and the API's routes
    const repositories = createRepositories(db, config.encryptionKey);
    const zoom = createZoomClients(config.zoom);

    let worker: { instance: Worker; running: Promise<void>; connection: NativeConnection } | undefined;
    const startWorker = async () => {
      if (worker || !options.parts.worker) return;
      const nativeConnection = await NativeConnection.connect({ address });
      const instance = await Worker.create({
        connection: nativeConnection,
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
        activities: createActivities({ config, client, repositories, zoom, ...options.activityOverrides }),
        ...(options.workflowBundle
          ? { workflowBundle: options.workflowBundle }
          : { workflowsPath: require.resolve('./workflows') }),
        shutdownGraceTime: '10s',
        ...options.workerOptions,
      });
      const running = instance
        .run()
        .catch((error: unknown) => logger.error({ err: error }, 'worker stopped with an error'));
      worker = { instance, running, connection: nativeConnection };
    };
    const stopWorker = async () => {
      if (!worker) return;
      const current = worker;
      worker = undefined;
      if (current.instance.getState() === 'RUNNING') current.instance.shutdown();
      await current.running;
      await current.connection.close();
    };
    await startWorker();
    cleanups.push(stopWorker);

    let api: FastifyInstance | undefined;
    let apiUrl: string | undefined;
    if (options.parts.api) {
      api = buildApiServer({
        config,
        db,
        temporal: client,
        logger,
        repositories,
        zoom,
      });
      await api.listen({ host: config.host, port: config.port });
      const bound = api.server.address();
      const port = typeof bound === 'object' && bound ? bound.port : config.port;
      apiUrl = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
      cleanups.push(async () => {
        await api?.close();
      });
    }

    return {
      config,
      db,
      client,
      apiUrl,
      uiUrl: devServer?.uiUrl,
      temporalAddress: address,
      stopWorker,
      startWorker,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function pidFile(config: Config): string {
  return path.join(config.dataDir, 'temporal-server.pid');
}

/**
 * The dev server runs in its own process group so that Ctrl-C reaches us first and we stop it after
 * the worker. If a previous run died without stopping it, stop that orphan before starting again.
 */
async function startEmbeddedTemporal(config: Config, logger: Logger): Promise<RunningDevServer> {
  await stopOrphanedDevServer(config, logger);
  const server = await startDevServer({
    port: config.temporal.devServerPort,
    uiPort: config.temporal.uiPort,
    dbFile: path.join(config.dataDir, 'temporal.sqlite'),
    sqlitePragmas: FILE_SQLITE_PRAGMAS,
    namespace: config.temporal.namespace,
    logFile: path.join(config.dataDir, 'temporal-server.log'),
    log: (line) => logger.info(line),
  });
  writeFileSync(pidFile(config), String(server.pid ?? ''));
  return server;
}

async function stopOrphanedDevServer(config: Config, logger: Logger): Promise<void> {
  const file = pidFile(config);
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').trim());
  rmSync(file, { force: true });
  if (!Number.isInteger(pid) || pid <= 0) return;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // not running
  }
  if (!cmdline.includes('start-dev') || !cmdline.includes(config.dataDir)) return;
  logger.warn({ pid }, 'stopping a Temporal dev server left over from a previous run');
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 150; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(pid, 'SIGKILL');
}
