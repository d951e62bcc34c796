/**
 * Zoom signs each event notification: `x-zm-signature` is `v0=` and the HMAC-SHA256, keyed with the
 * webhook secret token, of `v0:<x-zm-request-timestamp>:<raw body>`. Stale timestamps are refused, so
 * a captured notification cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ZOOM_API_ERROR_CODE } from '../domain/zoom-failure-types';
import { ApiError } from './errors';

/** Zoom's own guidance: refuse notifications older than five minutes (replays). */
const MAX_AGE_MS = 5 * 60 * 1000;

export function zoomSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Zoom's answer to `endpoint.url_validation`: the plain token, hashed with the secret. */
export function encryptPlainToken(secret: string, plainToken: string): string {
  return createHmac('sha256', secret).update(plainToken).digest('hex');
}

/** Throws 401 invalid_signature unless the request carries Zoom's fresh, matching signature. */
export function verifyZoomSignature(request: FastifyRequest, secret: string): void {
  const signature = request.headers['x-zm-signature'];
  const timestamp = request.headers['x-zm-request-timestamp'];
  // kept by the server's JSON parser: the signature covers the body as sent, not as re-serialized
  const rawBody = (request as FastifyRequest & { rawBody?: string }).rawBody;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || rawBody === undefined) {
    throw invalidSignature('missing x-zm-signature or x-zm-request-timestamp');
  }
  const sentAt = Number(timestamp) * 1000;
  if (!Number.isFinite(sentAt) || Math.abs(Date.now() - sentAt) > MAX_AGE_MS) {
    throw invalidSignature('the notification is too old (or its timestamp is wrong)');
  }
  const expected = Buffer.from(zoomSignature(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalidSignature('the signature does not match');
  }
}

const invalidSignature = (message: string) => new ApiError(401, ZOOM_API_ERROR_CODE.invalidSignature, message);
