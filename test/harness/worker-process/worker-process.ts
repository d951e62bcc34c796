/** Starts worker-main.ts as a child process and kills it the hard way. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface WorkerProcess {
  readonly pid: number;
  /** SIGKILL: no shutdown, no draining; in-flight activities vanish with the process */
  kill(): Promise<void>;
}

/** Resolves once the worker polls its task queue; `env` is its whole configuration. */
export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--require',
      path.join(__dirname, '..', '..', '..', 'scripts', 'register-typescript.cjs'),
      path.join(__dirname, 'worker-main.ts'),
    ],
    {
      env: { PATH: process.env.PATH ?? '', ...harnessEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('ready')) settle();
    };
    const onExit = (code: number | null, signal: string | null) =>
      settle(new Error(`worker process exited (${code ?? signal}) before it was ready`));
    const timer = setTimeout(() => settle(new Error(`worker process not ready within ${timeoutMs} ms`)), timeoutMs);
    function settle(error?: Error): void {
      clearTimeout(timer);
      child.stdout?.off('data', onOutput);
      child.off('exit', onExit);
      if (!error) return resolve();
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${output}`));
    }
    child.stdout?.on('data', onOutput);
    child.once('exit', onExit);
  });

  return {
    pid: child.pid as number,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** What the test harness hands its suites through the environment (the workflow bundle, …). */
function harnessEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[0].startsWith('ENGINE_TEST_') && entry[1] !== undefined,
    ),
  );
}
