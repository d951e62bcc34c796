import { rmSync } from 'node:fs';
import type { HarnessHandles } from './harness-env';

export default async function globalTeardown(): Promise<void> {
  const handles = (globalThis as { __engineHarness?: HarnessHandles }).__engineHarness;
  if (!handles) return;
  await Promise.all([handles.devServer.stop({ kill: true }), handles.postgres.stop()]);
  rmSync(handles.dir, { recursive: true, force: true });
}
