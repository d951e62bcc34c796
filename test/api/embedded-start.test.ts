/**
 * What `npm start` does without TEMPORAL_ADDRESS: the embedded dev server with its SQLite file and
 * Web UI, the worker and the API; stopping and starting again keeps the data.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startEngine, type RunningEngine } from '../../src/engine';
import { createLogger } from '../../src/logging';
import { ApiClient } from '../harness/api-client';
import { testTempDir, testWorkflowBundlePath } from '../harness/harness-env';
import { freePort } from '../harness/ports';

test('starts an embedded Temporal with a Web UI, and a restart keeps a user created before it', async () => {
  const dataDir = mkdtempSync(path.join(testTempDir(), 'embedded-'));
  const env = {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
  };
  const start = async () => {
    const config = loadConfig(env);
    return startEngine({
      config,
      logger: createLogger('silent'),
      parts: { worker: true, api: true },
      workflowBundle: { codePath: testWorkflowBundlePath() },
    });
  };

  let engine: RunningEngine | undefined = await start();
  try {
    const api = new ApiClient(engine.apiUrl as string, engine.config.apiKey);
    expect(engine.config.apiKeyGenerated).toBe(true);
    expect((await api.get('/healthz', { auth: false })).body).toEqual({ status: 'ok', temporal: 'ok', database: 'ok' });
    // the SQLite file keeps a write-ahead log (FILE_SQLITE_PRAGMAS)
    expect(existsSync(path.join(dataDir, 'temporal.sqlite-wal'))).toBe(true);
    const ui = await fetch(engine.uiUrl as string);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/<html/i);
    expect(
      (await api.put('/v1/users/u-restart', { name: 'Ann', email: 'a@example.com', timezone: 'UTC' })).status,
    ).toBe(201);
    await engine.stop();
    engine = undefined;

    engine = await start();
    // same generated key, same data
    expect(engine.config.apiKeyGenerated).toBe(false);
    const again = new ApiClient(engine.apiUrl as string, engine.config.apiKey);
    const user = await again.get('/v1/users/u-restart');
    expect(user.status).toBe(200);
    expect(user.body.name).toBe('Ann');
  } finally {
    await engine?.stop();
  }
});
