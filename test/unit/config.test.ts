import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'config-'));

test('defaults follow the contract', () => {
  const config = loadConfig({ DATA_DIR: tempDir() });
  expect(config.host).toBe('127.0.0.1');
  expect(config.port).toBe(3000);
  expect(config.temporal).toMatchObject({
    address: undefined,
    namespace: 'default',
    taskQueue: 'appointments',
    uiPort: 8233,
  });
  expect(config.publicBaseUrl).toBe('http://localhost:3000');
  expect(config.zoom).toMatchObject({
    oauth: undefined,
    apiBaseUrl: 'https://api.zoom.us/v2',
    oauthBaseUrl: 'https://zoom.us',
  });
  expect(config.email).toEqual({
    smtpUrl: undefined,
    from: 'notifications@localhost',
    internalFrom: 'do-not-reply@localhost',
  });
  expect(config.twilio).toEqual({ credentials: undefined, apiBaseUrl: 'https://api.twilio.com' });
});

test('the API key and encryption key are generated once, saved with mode 0600, and reused', () => {
  const dir = tempDir();
  const first = loadConfig({ DATA_DIR: dir });
  expect(first.apiKeyGenerated).toBe(true);
  expect(first.apiKey.length).toBeGreaterThanOrEqual(32);
  expect(first.encryptionKey).toHaveLength(32);
  expect(statSync(path.join(dir, 'api-key')).mode & 0o777).toBe(0o600);
  expect(statSync(path.join(dir, 'encryption-key')).mode & 0o777).toBe(0o600);
  const second = loadConfig({ DATA_DIR: dir });
  expect(second.apiKeyGenerated).toBe(false);
  expect(second.apiKey).toBe(first.apiKey);
  expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
  expect(readFileSync(path.join(dir, 'api-key'), 'utf8').trim()).toBe(first.apiKey);
});

test('the link signing key is generated once into the data dir (mode 0600) and reused; an explicit one wins', () => {
  const dir = tempDir();
  const first = loadConfig({ DATA_DIR: dir });
  expect(first.linkSigningKey).toHaveLength(32);
  expect(first.linkSigningKey.equals(first.encryptionKey)).toBe(false);
  expect(statSync(path.join(dir, 'link-signing-key')).mode & 0o777).toBe(0o600);
  expect(loadConfig({ DATA_DIR: dir }).linkSigningKey.equals(first.linkSigningKey)).toBe(true);
  const explicit = Buffer.alloc(48, 9).toString('base64');
  expect(loadConfig({ DATA_DIR: dir, LINK_SIGNING_KEY: explicit }).linkSigningKey.toString('base64')).toBe(explicit);
});

test('explicit keys win over generated ones', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const config = loadConfig({ DATA_DIR: tempDir(), API_KEY: 'k', ENCRYPTION_KEY: key, PORT: '8080' });
  expect(config.apiKey).toBe('k');
  expect(config.encryptionKey.toString('base64')).toBe(key);
  expect(config.publicBaseUrl).toBe('http://localhost:8080');
});

test.each([
  [{ ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }, /ENCRYPTION_KEY must be 32 bytes/],
  [{ LINK_SIGNING_KEY: Buffer.alloc(31).toString('base64') }, /LINK_SIGNING_KEY must be at least 32 bytes/],
  [{ PORT: 'eighty' }, /PORT/],
  [{ ZOOM_CLIENT_ID: 'id' }, /ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET/],
  [{ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' }, /TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID/],
  [{ ZOOM_API_BASE_URL: 'not a url' }, /ZOOM_API_BASE_URL/],
  [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
])('bad configuration %p is refused with a clear message', (env, message) => {
  expect(() => loadConfig({ DATA_DIR: tempDir(), ...env })).toThrow(message);
});
