/**
 * One route of the HTTP API as data: its method and URL, who may call it, the zod schemas it reads
 * and answers with, and its handler. The server registers these and the OpenAPI document is derived
 * from the very same objects, so the document cannot name a schema the route does not use.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiDependencies } from './api-dependencies';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: `public` needs nothing (health, Zoom's redirect and webhooks, sign-in),
 * `api_key` needs the bearer key or a console session (plus the CSRF header on writes).
 */
export type RouteAccess = 'public' | 'api_key';

export interface ResponseDefinition {
  description: string;
  /** JSON body; absent for 204 and for answers that are not JSON */
  schema?: z.ZodType;
  /** another content type than JSON, e.g. `text/html` for a browser page */
  contentType?: string;
}

export interface RouteDefinition {
  method: HttpMethod;
  /** Fastify's pattern, e.g. `/v1/users/:userId` */
  url: string;
  /** one line for the reference page */
  summary: string;
  /** the group it is listed under */
  tag: string;
  access: RouteAccess;
  /** path parameters, each validated as one of the CRM's IDs unless said otherwise */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** the body's media type when it is not JSON, e.g. `application/x-www-form-urlencoded` (Twilio's webhooks) */
  bodyContentType?: string;
  /** the answers on the happy paths (errors share one documented shape) */
  responses: Record<number, ResponseDefinition>;
  handler: (deps: ApiDependencies, request: FastifyRequest, reply: FastifyReply) => unknown;
}

/** Identity function that gives a route definition its type where it is written. */
export function defineRoute(route: RouteDefinition): RouteDefinition {
  return route;
}
