/**
 * A request to the Zoom fake and its answer, in Zoom's wire format: OAuth errors are
 * `{"reason", "error"}`, REST errors `{"code", "message"}`, JSON is `application/json;charset=UTF-8`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../fake-http';
import type { FakeCall } from './zoom-state';

export interface ZoomRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
  /** its entry in the call log, which the endpoints complete (e.g. with the account) */
  call: FakeCall;
}

export interface ZoomAnswer {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless it is a string (sent as text/html) */
  body?: unknown;
}

const ZOOM_JSON = 'application/json;charset=UTF-8';

export const json = (status: number, body: unknown, headers?: Record<string, string>): ZoomAnswer => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});
export const oauthError = (status: number, error: string, reason: string): ZoomAnswer =>
  json(status, { reason, error });
export const apiError = (status: number, code: number, message: string, extra?: object): ZoomAnswer =>
  json(status, { code, message, ...extra });
export const validationFailed = (field: string): ZoomAnswer =>
  apiError(400, 300, 'Validation Failed.', { errors: [{ field, message: 'Invalid field.' }] });

export function sendZoomAnswer(response: ServerResponse, answer: ZoomAnswer): void {
  if (typeof answer.body === 'string') {
    response.writeHead(answer.status, { ...answer.headers, 'content-type': 'text/html; charset=utf-8' });
    response.end(answer.body);
  } else if (answer.body !== undefined) {
    sendJson(response, answer.status, answer.body, answer.headers, ZOOM_JSON);
  } else {
    response.writeHead(answer.status, { ...answer.headers });
    response.end();
  }
}
