/**
 * The HTTP plumbing the Zoom and Twilio fakes share: a server on 127.0.0.1 at a free port, the
 * request body as text, JSON answers. What they answer is theirs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface LoopbackHttpServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** Idempotent. Cuts the open connections (held requests, keep-alive sockets) instead of waiting for them. */
  close(): Promise<void>;
}

/** Serves `handle` on 127.0.0.1; `onFailure` answers a request whose handler threw. */
export async function startLoopbackHttpServer(
  handle: FakeRequestHandler,
  onFailure: (response: ServerResponse, error: unknown) => void,
): Promise<LoopbackHttpServer> {
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => onFailure(response, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${port}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

/** Answers `body` as JSON; each provider spells its content type its own way, hence `contentType`. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json; charset=utf-8',
): void {
  response.writeHead(status, { 'content-type': contentType, ...headers });
  response.end(JSON.stringify(body));
}
