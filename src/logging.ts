import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs, one line per event. Anything that could hold a credential is redacted by key,
 * wherever it sits in the logged object.
 */
export const REDACTED_KEYS = [
  'authorization',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'token',
  'password',
  'clientSecret',
  'authToken',
  'apiKey',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const paths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
  return pino({ level, redact: { paths, censor: '[redacted]' }, base: undefined }, destination);
}
