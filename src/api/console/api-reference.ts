/**
 * `GET /docs`: a browsable reference of the API (Swagger UI, served from the package, nothing from
 * a CDN) over the same OpenAPI document as `GET /v1/openapi.json`.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ENGINE_VERSION } from '../../engine-version';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import { API_ROUTES } from '../routes';

export function registerApiReference(app: FastifyInstance): void {
  void app.register(fastifySwagger, {
    mode: 'static',
    specification: { document: buildOpenApiDocument(API_ROUTES, ENGINE_VERSION) as never },
  });
  void app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: (header) => `${header}; frame-ancestors 'none'`,
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
}
