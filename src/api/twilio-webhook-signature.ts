/**
 * Twilio signs each webhook request: `X-Twilio-Signature` is the base64 HMAC-SHA1, keyed with the
 * account's auth token, of the URL Twilio was told to call followed by every form field, sorted by
 * name, as name then value. The twilio package checks it (`validateRequest`). The URL is ours, built
 * from PUBLIC_BASE_URL, never from the request's Host header, so a signature made for another address
 * does not pass here.
 */
import type { FastifyRequest } from 'fastify';
import twilio from 'twilio';
import { ApiError } from './errors';

/** Throws 403 invalid_signature unless the request carries the signature Twilio makes for `url` and its fields. */
export function verifyTwilioSignature(request: FastifyRequest, authToken: string, url: string): void {
  const signature = request.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || signature === '') throw invalidSignature('missing X-Twilio-Signature');
  const fields = isFormFields(request.body) ? request.body : {};
  if (!twilio.validateRequest(authToken, signature, url, fields)) {
    throw invalidSignature('X-Twilio-Signature does not match the request');
  }
}

/** The URL Twilio signs: the one configured in Twilio, i.e. ours, with the query string the request came with. */
export function signedUrl(publicBaseUrl: string, route: string, request: FastifyRequest): string {
  const query = request.url.indexOf('?');
  return `${publicBaseUrl}${route}${query === -1 ? '' : request.url.slice(query)}`;
}

function isFormFields(body: unknown): body is Record<string, string | string[]> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

const invalidSignature = (message: string) => new ApiError(403, 'invalid_signature', message);
