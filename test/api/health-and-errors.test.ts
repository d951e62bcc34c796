/** GET /healthz, bearer auth on /v1, and the contract's error format for requests that go wrong. */
import { startTestEngine, type TestEngine } from '../harness/engine';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t?.stop();
});

const user = { name: 'Ann Lee', email: 'ann@example.com', timezone: 'Europe/Paris' };

test('healthz reports Temporal and the database as ok, without a key', async () => {
  const response = await t.api.get('/healthz', { auth: false });
  expect(response.status).toBe(200);
  expect(response.body).toEqual({ status: 'ok', temporal: 'ok', database: 'ok' });
});

test('healthz answers 503 naming the database when it is down', async () => {
  const other = await startTestEngine();
  await other.engine.db.close();
  const response = await other.api.get('/healthz', { auth: false });
  expect(response.status).toBe(503);
  expect(response.body.temporal).toBe('ok');
  expect(response.body.database).toMatch(/^down/);
  await other.stop().catch(() => undefined);
});

test.each([
  ['no Authorization header', false as const],
  ['a wrong key', 'not-the-key'],
  ['an empty key', ''],
])('/v1 refuses %s with 401', async (_name, auth) => {
  const response = await t.api.put('/v1/users/u-auth', user, { auth });
  expect(response.status).toBe(401);
  expect(response.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  expect((await t.api.get('/v1/users/u-auth')).status).toBe(404);
});

test('a request with a malformed JSON body gets 400 invalid_json and writes nothing', async () => {
  const response = await t.api.put('/v1/users/u-bad-json', undefined, { rawBody: '{"name": "Ann",' });
  expect(response.status).toBe(400);
  expect(response.body.error.code).toBe('invalid_json');
  expect((await t.api.get('/v1/users/u-bad-json')).status).toBe(404);
});

test('a PUT without a body gets 400 naming the body', async () => {
  const response = await t.api.put('/v1/users/u-no-body');
  expect(response.status).toBe(400);
  expect(response.body.error.issues).toEqual([{ path: '(body)', message: expect.any(String) }]);
});

test('a body over the size limit gets 413', async () => {
  const response = await t.api.put('/v1/users/u-huge', { ...user, name: 'x'.repeat(300 * 1024) });
  expect(response.status).toBe(413);
  expect(response.body.error.code).toBe('payload_too_large');
});

test('a non-JSON content type gets 415', async () => {
  const response = await t.api.put('/v1/users/u-text', undefined, { rawBody: 'name=Ann', contentType: 'text/plain' });
  expect(response.status).toBe(415);
  expect(response.body.error.code).toBe('unsupported_media_type');
});

test('an unknown route gets 404 in the error format', async () => {
  const response = await t.api.get('/v1/nothing-here');
  expect(response.status).toBe(404);
  expect(response.body.error.code).toBe('not_found');
});
