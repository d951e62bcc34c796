/**
 * Environment → one typed Config, parsed once at start and passed down.
 * No other module reads process.env.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const port = z.coerce.number().int().min(0).max(65535);

const url = (name: string) =>
  z.string().refine((value) => {
    try {
      new URL(value);
      return true;
    } catch {
      return false;
    }
  }, `${name} must be a URL`);

export const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
  API_KEY: optionalString,
  DATA_DIR: z.string().default('./.data'),
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('appointments'),
  TEMPORAL_UI_PORT: port.default(8233),
  /** where the console links to the Temporal Web UI (an addition); default: the embedded server's UI */
  TEMPORAL_UI_URL: optionalString,
  /** gRPC port of the embedded dev server (not in the contract's table; an addition) */
  TEMPORAL_DEV_PORT: port.default(7233),
  DATABASE_URL: optionalString,
  ENCRYPTION_KEY: optionalString,
  /** signs the contact's self-service links (an addition): at least 32 bytes, base64 */
  LINK_SIGNING_KEY: optionalString,
  PUBLIC_BASE_URL: optionalString,
  ZOOM_CLIENT_ID: optionalString,
  ZOOM_CLIENT_SECRET: optionalString,
  ZOOM_API_BASE_URL: url('ZOOM_API_BASE_URL').default('https://api.zoom.us/v2'),
  ZOOM_OAUTH_BASE_URL: url('ZOOM_OAUTH_BASE_URL').default('https://zoom.us'),
  ZOOM_WEBHOOK_SECRET_TOKEN: optionalString,
  SMTP_URL: optionalString,
  EMAIL_FROM: z.string().default('notifications@localhost'),
  INTERNAL_EMAIL_FROM: z.string().default('do-not-reply@localhost'),
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_FROM_NUMBER: optionalString,
  TWILIO_MESSAGING_SERVICE_SID: optionalString,
  TWILIO_API_BASE_URL: url('TWILIO_API_BASE_URL').default('https://api.twilio.com'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface ZoomConfig {
  clientId: string;
  clientSecret: string;
}

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  fromNumber?: string;
  messagingServiceSid?: string;
}

export interface Config {
  host: string;
  port: number;
  apiKey: string;
  /** true when the API key was generated in this start (printed in full once) */
  apiKeyGenerated: boolean;
  dataDir: string;
  temporal: {
    /** unset: start the embedded dev server */
    address?: string;
    namespace: string;
    taskQueue: string;
    uiPort: number;
    devServerPort: number;
    /** the Web UI the console links to; unset when an external cluster's UI is not known */
    uiUrl?: string;
  };
  databaseUrl?: string;
  /** 32 bytes */
  encryptionKey: Buffer;
  /** HMAC-SHA256 key of the self-service links; at least 32 bytes */
  linkSigningKey: Buffer;
  publicBaseUrl: string;
  zoom: {
    oauth?: ZoomConfig;
    apiBaseUrl: string;
    oauthBaseUrl: string;
    webhookSecretToken?: string;
  };
  email: {
    smtpUrl?: string;
    from: string;
    internalFrom: string;
  };
  twilio: { credentials?: TwilioConfig; apiBaseUrl: string };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads a secret kept in the data dir, or generates and saves it (mode 0600) at first start. */
function generatedSecret(
  dataDir: string,
  fileName: string,
  generate: () => string,
): { value: string; generated: boolean } {
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), generated: false };
  mkdirSync(dataDir, { recursive: true });
  const value = generate();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { value, generated: true };
}

function decodeEncryptionKey(value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new ConfigError('ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  return key;
}

function decodeLinkSigningKey(value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length < 32) throw new ConfigError('LINK_SIGNING_KEY must be at least 32 bytes, base64-encoded');
  return key;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);

  const apiKey = e.API_KEY
    ? { value: e.API_KEY, generated: false }
    : generatedSecret(dataDir, 'api-key', () => randomBytes(24).toString('base64url'));
  const encryptionKey = e.ENCRYPTION_KEY
    ? decodeEncryptionKey(e.ENCRYPTION_KEY)
    : decodeEncryptionKey(generatedSecret(dataDir, 'encryption-key', () => randomBytes(32).toString('base64')).value);
  const linkSigningKey = decodeLinkSigningKey(
    e.LINK_SIGNING_KEY ?? generatedSecret(dataDir, 'link-signing-key', () => randomBytes(32).toString('base64')).value,
  );

  if (Boolean(e.ZOOM_CLIENT_ID) !== Boolean(e.ZOOM_CLIENT_SECRET)) {
    throw new ConfigError('ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET must be set together');
  }
  if (Boolean(e.TWILIO_ACCOUNT_SID) !== Boolean(e.TWILIO_AUTH_TOKEN)) {
    throw new ConfigError('TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN must be set together');
  }
  if (e.TWILIO_ACCOUNT_SID && !e.TWILIO_FROM_NUMBER && !e.TWILIO_MESSAGING_SERVICE_SID) {
    throw new ConfigError('Twilio needs TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID');
  }

  return {
    host: e.HOST,
    port: e.PORT,
    apiKey: apiKey.value,
    apiKeyGenerated: apiKey.generated,
    dataDir,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiPort: e.TEMPORAL_UI_PORT,
      devServerPort: e.TEMPORAL_DEV_PORT,
      uiUrl: (
        e.TEMPORAL_UI_URL ?? (e.TEMPORAL_ADDRESS ? undefined : `http://localhost:${e.TEMPORAL_UI_PORT}`)
      )?.replace(/\/+$/, ''),
    },
    databaseUrl: e.DATABASE_URL,
    encryptionKey,
    linkSigningKey,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    zoom: {
      oauth:
        e.ZOOM_CLIENT_ID && e.ZOOM_CLIENT_SECRET
          ? { clientId: e.ZOOM_CLIENT_ID, clientSecret: e.ZOOM_CLIENT_SECRET }
          : undefined,
      apiBaseUrl: e.ZOOM_API_BASE_URL.replace(/\/+$/, ''),
      oauthBaseUrl: e.ZOOM_OAUTH_BASE_URL.replace(/\/+$/, ''),
      webhookSecretToken: e.ZOOM_WEBHOOK_SECRET_TOKEN,
    },
    email: { smtpUrl: e.SMTP_URL, from: e.EMAIL_FROM, internalFrom: e.INTERNAL_EMAIL_FROM },
    twilio: {
      credentials:
        e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
          ? {
              accountSid: e.TWILIO_ACCOUNT_SID,
              authToken: e.TWILIO_AUTH_TOKEN,
              fromNumber: e.TWILIO_FROM_NUMBER,
              messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
            }
          : undefined,
      apiBaseUrl: e.TWILIO_API_BASE_URL.replace(/\/+$/, ''),
    },
    logLevel: e.LOG_LEVEL,
  };
}
