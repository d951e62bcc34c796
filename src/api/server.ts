/**
 * The HTTP API (contract: shared/API.md). Validates input, then reads the store or talks to the
 * workflows through the Temporal client; errors are mapped to the contract's format here, once.
 */
import secureJson from 'secure-json-parse';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { ApiDependencies } from './api-dependencies';
import { ApiError } from './errors';
import fastifyCookie from '@fastify/cookie';
import fastifyFormBody from '@fastify/formbody';
import { authenticate } from './auth';
import { registerConsole } from './console/console-pages';
import { registerApiReference } from './console/api-reference';
import { addSecurityHeaders } from './console/security-headers';
import { sendUnknownLinkPage } from './self-service/self-service-page';
import type { RouteAccess } from './route-definition';
import { API_ROUTES } from './routes';
import { isTemporalUnavailable } from './temporal-unavailable';
import { unstorableTextPath } from './unstorable-text';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Bodies above this are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 256 * 1024;

const FASTIFY_ERROR_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'the body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', message: 'the body is empty but declared as JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    message: `the body exceeds ${BODY_LIMIT_BYTES} bytes`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'send JSON with Content-Type: application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'invalid_request',
    message: 'the Content-Length does not match the body',
  },
};

export function buildApiServer(deps: ApiDependencies): FastifyInstance {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    // Unknown query-string keys and odd URLs must never crash or leak: we log our own line per request.
    logger: false,
    routerOptions: { maxParamLength: 512 },
    // Errors raised before routing (undecodable URL, over-long parameter) in the contract's format too.
    frameworkErrors: (error, request, reply) => {
      // the contact's pages answer with a page, even for a link whose URL cannot be read
      if (request.url.startsWith('/a/')) return void sendUnknownLinkPage(reply as FastifyReply);
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void (reply as FastifyReply)
        .code(status)
        .send(new ApiError(status, 'invalid_url', `the URL cannot be read: ${error.message}`).toBody());
    },
  });

  // JSON only: a text/plain body is refused with 415 rather than parsed as a string
  app.removeContentTypeParser('text/plain');
  // Our JSON parser keeps the raw text: Zoom's webhook signature is computed over it.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    (request as typeof request & { rawBody?: string }).rawBody = text;
    if (text.trim() === '')
      return done(new ApiError(400, 'invalid_json', 'the body is empty but declared as JSON'), undefined);
    let parsed: unknown;
    try {
      // like fastify's own parser: no __proto__ / constructor.prototype keys (prototype poisoning)
      parsed = secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' });
    } catch {
      return done(new ApiError(400, 'invalid_json', 'the body is not valid JSON'), undefined);
    }
    const unstorable = unstorableTextPath(parsed);
    if (unstorable !== undefined) {
      const message = 'contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored';
      return done(
        new ApiError(400, 'invalid_request', `${unstorable} ${message}`, [{ path: unstorable, message }]),
        undefined,
      );
    }
    done(null, parsed);
  });

  void app.register(fastifyCookie);
  // HTML forms (the self-service pages) and Twilio's webhook post application/x-www-form-urlencoded.
  void app.register(fastifyFormBody, { bodyLimit: BODY_LIMIT_BYTES });

  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    // No route matched: the not-found handler answers without touching anything. Under /v1 a route
    // is private unless its definition says public; the console's files and the reference are public.
    if (route === undefined) return;
    const access = (request.routeOptions.config as { access?: RouteAccess }).access;
    if (access === 'public' || (access === undefined && !route.startsWith('/v1'))) return;
    await authenticate(request, deps.config.apiKey, deps.repositories.consoleSessions);
  });

  // Form bodies only where a route's definition says `bodyContentType: FORM_CONTENT_TYPE` (Twilio's
  // webhook, the self-service pages): what an HTML form on another site can post must not reach the
  // JSON routes.
  app.addHook('preValidation', async (request) => {
    // no route matched: the not-found handler answers (a page under /a/, else the JSON 404)
    if (request.routeOptions.url === undefined) return;
    const form = /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '');
    if (form && !(request.routeOptions.config as { acceptsForm?: boolean }).acceptsForm) {
      throw new ApiError(415, 'unsupported_media_type', 'send JSON with Content-Type: application/json');
    }
  });

  app.addHook('onSend', async (request, reply) => addSecurityHeaders(request, reply));

  app.addHook('onResponse', async (request, reply) => {
    deps.logger.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'http request',
    );
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return reply.status(error.status).send(error.toBody());
    if (isTemporalUnavailable(error)) {
      // No worker took the request in time (all busy or restarting) or Temporal is unreachable:
      // the request is safe to repeat (writes are idempotent), so say so.
      deps.logger.warn(
        { route: request.routeOptions.url, error: (error as Error).name },
        'temporal did not answer in time',
      );
      return reply
        .status(503)
        .header('retry-after', '1')
        .send(
          new ApiError(
            503,
            'temporarily_unavailable',
            'the engine could not process the request in time; repeat it',
          ).toBody(),
        );
    }
    const known = error.code ? FASTIFY_ERROR_CODES[error.code] : undefined;
    if (known) return reply.status(known.status).send(new ApiError(known.status, known.code, known.message).toBody());
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(new ApiError(error.statusCode, 'bad_request', error.message).toBody());
    }
    deps.logger.error({ err: error, route: request.routeOptions.url }, 'unhandled error in request');
    return reply
      .status(500)
      .send(new ApiError(500, 'internal_error', 'internal error; the request may be retried').toBody());
  });

  for (const route of API_ROUTES) {
    app.route({
      method: route.method,
      url: route.url,
      config: { access: route.access, acceptsForm: route.bodyContentType === FORM_CONTENT_TYPE },
      handler: (request, reply) => route.handler(deps, request, reply),
    });
  }
  registerApiReference(app);
  // The console's pages last: its fallback answers the browser's routes that are not the API's.
  registerConsole(app);
  return app;
}
