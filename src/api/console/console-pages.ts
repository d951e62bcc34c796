/**
 * The web console (web/, built into web/dist at install time), served by the API process at `/`,
 * same origin as `/v1`. Its routes live in the browser: any other GET that wants HTML gets the
 * console's index page; API paths keep their JSON 404.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { sendUnknownLinkPage } from '../self-service/self-service-page';

/** web/dist, from src/api/console or dist/api/console alike */
export const CONSOLE_DIST_DIR = path.join(__dirname, '..', '..', '..', 'web', 'dist');

export function registerConsole(app: FastifyInstance, distDir = CONSOLE_DIST_DIR): void {
  const built = existsSync(path.join(distDir, 'index.html'));
  if (built) {
    void app.register(fastifyStatic, {
      root: distDir,
      // files are looked up per request: a console rebuilt while the engine runs is served at once
      wildcard: true,
      // file names under assets/ carry their content hash; the page itself must always be fresh
      setHeaders: (reply, filePath) =>
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // the contact's pages live under /a/: a link there that matches no page gets their own 404 page
    if ((request.url.split('?')[0] ?? '').startsWith('/a/')) return sendUnknownLinkPage(reply);
    if (wantsConsolePage(request)) return built ? sendIndex(reply) : sendNotBuilt(reply);
    return reply
      .status(404)
      .send(new ApiError(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`).toBody());
  });
}

function wantsConsolePage(request: FastifyRequest): boolean {
  const pathname = request.url.split('?')[0] ?? '';
  const isApi = pathname.startsWith('/v1/') || pathname === '/v1' || pathname === '/healthz';
  const isFile = /\.[A-Za-z0-9]+$/.test(pathname);
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !isApi &&
    !isFile &&
    (request.headers.accept ?? '').includes('text/html')
  );
}

function sendIndex(reply: FastifyReply) {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
}

function sendNotBuilt(reply: FastifyReply) {
  return reply
    .status(503)
    .type('text/html; charset=utf-8')
    .send(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Console not built</title></head>' +
        '<body><main><h1>The console is not built</h1><p>Run <code>npm run build:web</code> ' +
        '(<code>npm install</code> does it) and restart the engine. The API at <code>/v1</code> works.</p>' +
        '</main></body></html>',
    );
}
