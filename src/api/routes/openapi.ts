import { z } from 'zod';
import { ENGINE_VERSION } from '../../engine-version';
import { buildOpenApiDocument, type OpenApiDocument } from '../openapi/openapi-document';
import { defineRoute, type RouteDefinition } from '../route-definition';

/**
 * `GET /v1/openapi.json`, describing `routes()` (the whole catalogue, itself included: the list is
 * read when the document is first asked for, so the catalogue can contain this route).
 */
export function openApiRoute(routes: () => readonly RouteDefinition[]): RouteDefinition {
  let document: OpenApiDocument | undefined;
  return defineRoute({
    method: 'GET',
    url: '/v1/openapi.json',
    summary: 'This document: OpenAPI 3.1, derived from the schemas the routes validate with',
    tag: 'Operations',
    access: 'public',
    responses: { 200: { description: 'the OpenAPI document', schema: z.looseObject({ openapi: z.string() }) } },
    handler: () => (document ??= buildOpenApiDocument(routes(), ENGINE_VERSION)),
  });
}
