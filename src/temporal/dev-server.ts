/**
 * Launches the embedded Temporal dev server (`temporal server start-dev`) ourselves rather than via
 * the SDK, whose 5 s readiness deadline is too short on small machines: persistent SQLite file,
 * our search attributes registered, optional Web UI, a generous readiness wait, clean stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveTemporalBinary, sdkDownloadFailed, TEMPORAL_CLI, type ResolvedExecutable } from './binaries';
import { customSearchAttributes, devServerSearchAttributeArgs } from './search-attributes';

export interface DevServerOptions {
  ip?: string;
  port: number;
  /** undefined: headless */
  uiPort?: number;
  /** SQLite file; undefined: in memory */
  dbFile?: string;
  /** `PRAGMA=VALUE` statements for the SQLite file, e.g. FILE_SQLITE_PRAGMAS */
  sqlitePragmas?: readonly string[];
  namespace?: string;
  /** server output goes here (appended); undefined: discarded */
  logFile?: string;
  readinessTimeoutMs?: number;
  executable?: ResolvedExecutable;
  log?: (line: string) => void;
  /** more flags for `temporal server start-dev` (e.g. --dynamic-config-value) */
  extraArgs?: string[];
}

export interface RunningDevServer {
  address: string;
  /** process ID when we started the process ourselves */
  pid?: number;
  uiUrl?: string;
  /** `kill`: no graceful shutdown (a throwaway in-memory server) */
  stop(options?: { kill?: boolean }): Promise<void>;
}

/**
 * For the embedded server's SQLite file: a write-ahead log, synced at checkpoints rather than at every
 * commit. About twice the workflow throughput of SQLite's defaults on a small machine (bench/README.md);
 * a crash of any process loses nothing, and the file cannot be corrupted; only a power cut can undo
 * the last commits before it.
 */
export const FILE_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'] as const;

export class DevServerFailed extends Error {
  override name = 'DevServerFailed';
}

export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const executable = options.executable ?? resolveTemporalBinary(TEMPORAL_CLI, { log: options.log });
  if (executable.type === 'cached-download') return startWithSdkDownload(options);

  const ip = options.ip ?? '127.0.0.1';
  const address = `${ip}:${options.port}`;
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(options.port), '--log-level', 'warn'];
  if (options.dbFile) {
    mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
    for (const pragma of options.sqlitePragmas ?? []) args.push('--sqlite-pragma', pragma);
  }
  if (options.uiPort !== undefined) args.push('--ui-port', String(options.uiPort), '--ui-disable-news-fetch');
  else args.push('--headless');
  if (options.namespace && options.namespace !== 'default') args.push('--namespace', options.namespace);
  args.push(...devServerSearchAttributeArgs(), ...(options.extraArgs ?? []));

  let logFd: number | undefined;
  if (options.logFile) {
    mkdirSync(path.dirname(options.logFile), { recursive: true });
    logFd = openSync(options.logFile, 'a');
  }
  const child = spawn(executable.path, args, {
    stdio: ['ignore', logFd ?? 'ignore', logFd ?? 'ignore'],
    // its own process group, so a Ctrl-C in the terminal reaches us first and we stop it in order
    detached: true,
  });
  if (logFd !== undefined) closeSync(logFd);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const stop = (stopOptions: { kill?: boolean } = {}) =>
    stopChild(child, exitPromise, () => exited !== undefined, stopOptions.kill ?? false);
  try {
    await waitUntilServing(address, options.readinessTimeoutMs ?? 90_000, () => exited, spawnError);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    address,
    pid: child.pid,
    uiUrl: options.uiPort !== undefined ? `http://${ip === '0.0.0.0' ? 'localhost' : ip}:${options.uiPort}` : undefined,
    stop,
  };
}

async function waitUntilServing(
  address: string,
  timeoutMs: number,
  exited: () => { code: number | null; signal: NodeJS.Signals | null } | undefined,
  spawnError: Promise<Error>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let failure: Error | undefined;
  spawnError.then((error) => (failure = error)).catch(() => undefined);
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (failure) throw new DevServerFailed(`the Temporal dev server could not start: ${failure.message}`);
    const exit = exited();
    if (exit) {
      throw new DevServerFailed(
        `the Temporal dev server exited during start (code ${exit.code}, signal ${exit.signal}); is port ${address} in use? Its log has details.`,
      );
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        // The default namespace is registered asynchronously after the frontend is up.
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new DevServerFailed(
    `the Temporal dev server did not answer on ${address} within ${Math.round(timeoutMs / 1000)} s: ${String(lastError)}`,
  );
}

async function stopChild(
  child: ChildProcess,
  exitPromise: Promise<void>,
  hasExited: () => boolean,
  kill: boolean,
): Promise<void> {
  if (hasExited()) return;
  if (kill) {
    child.kill('SIGKILL');
    await exitPromise;
    return;
  }
  child.kill('SIGTERM');
  const killed = await Promise.race([
    exitPromise.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 15_000).unref()),
  ]);
  if (!killed && !hasExited()) {
    child.kill('SIGKILL');
    await exitPromise;
  }
}

/** Last resort on a connected machine: the SDK downloads and starts the CLI itself. */
async function startWithSdkDownload(options: DevServerOptions): Promise<RunningDevServer> {
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        ip: options.ip ?? '127.0.0.1',
        port: options.port,
        ui: options.uiPort !== undefined,
        uiPort: options.uiPort,
        dbFilename: options.dbFile,
        namespace: options.namespace,
        searchAttributes: [...customSearchAttributes],
      },
    });
    return {
      address: env.address,
      uiUrl: options.uiPort !== undefined ? `http://localhost:${options.uiPort}` : undefined,
      stop: () => env.teardown(),
    };
  } catch (error) {
    throw sdkDownloadFailed(TEMPORAL_CLI, error);
  }
}
