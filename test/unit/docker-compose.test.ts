/**
 * docker-compose.yml cannot be run here (no Docker engine), so check what `docker compose config`
 * would: it parses, every service is there, and the engine's services are wired by variables the
 * engine actually reads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { envSchema } from '../../src/config';

const compose = parse(readFileSync(path.join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8'), { merge: true });

test('has PostgreSQL, Temporal with its UI, the worker and the API', () => {
  expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgresql', 'temporal', 'temporal-ui', 'worker']);
  expect(compose.services.worker.command).toEqual(['node', 'dist/worker.js']);
  expect(compose.services.api.command).toEqual(['node', 'dist/api-server.js']);
  // scalable: no fixed container name or host port on the worker
  expect(compose.services.worker.container_name).toBeUndefined();
  expect(compose.services.worker.ports).toBeUndefined();
});

test.each(['worker', 'api'])(
  'the %s service reads only variables the engine knows, and points at the cluster and PostgreSQL',
  (name) => {
    const environment = compose.services[name].environment as Record<string, unknown>;
    const known = Object.keys(envSchema.shape);
    for (const key of Object.keys(environment)) expect(known).toContain(key);
    expect(environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(String(environment.DATABASE_URL)).toMatch(/^postgres:\/\/.+@postgresql:5432\//);
    expect(String(environment.ENCRYPTION_KEY)).toMatch(/\$\{ENCRYPTION_KEY:\?/);
    // links signed by a worker's message must verify on the API's pages: one key everywhere, never generated per process
    expect(String(environment.LINK_SIGNING_KEY)).toMatch(/\$\{LINK_SIGNING_KEY:\?/);
  },
);
