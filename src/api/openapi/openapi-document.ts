/**
 * The OpenAPI 3.1 document of the API, derived from the route definitions: the same zod schemas
 * the routes validate with and answer with, converted by zod's own JSON Schema support (JSON
 * Schema 2020-12 is OpenAPI 3.1's dialect). Nothing here is written by hand but the frame.
 */
import { z } from 'zod';
import type { RouteDefinition } from '../route-definition';
import { errorBodySchema } from '../schemas/common-schemas';

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
}

/** `/v1/users/:userId` → `/v1/users/{userId}` */
export function openApiPath(fastifyUrl: string): string {
  return fastifyUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function buildOpenApiDocument(routes: readonly RouteDefinition[], version: string): OpenApiDocument {
  const components = new ComponentCollector();
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = openApiPath(route.url);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Appointment automation engine',
      version,
      description:
        'Appointments become durable Temporal workflows: Zoom meetings, confirmations and reminders. ' +
        'Authenticate with `Authorization: Bearer <API_KEY>`, or sign in to the console (`POST /v1/session`); ' +
        'a console request that changes state also sends `x-requested-with: console`.',
    },
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'the engine’s API_KEY' },
        consoleSession: { type: 'apiKey', in: 'cookie', name: 'console_session' },
      },
    },
  };
}

function operation(route: RouteDefinition, components: ComponentCollector): Record<string, unknown> {
  const parameters = [
    ...parametersOf(route.params, 'path', components),
    ...parametersOf(route.query, 'query', components),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    responses[status] = {
      description: answer.description,
      ...(answer.schema
        ? { content: { 'application/json': { schema: components.convert(answer.schema, 'output') } } }
        : {}),
      ...(answer.contentType ? { content: { [answer.contentType]: {} } } : {}),
    };
  }
  responses.default = {
    description: 'an error: `{"error": {"code", "message", "issues"?}}`',
    content: { 'application/json': { schema: components.convert(errorBodySchema, 'output') } },
  };
  return {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            // OpenAPI's default is optional: say so only where the route does without a body
            required: !route.body.safeParse(undefined).success,
            content: {
              [route.bodyContentType ?? 'application/json']: { schema: components.convert(route.body, 'input') },
            },
          },
        }
      : {}),
    responses,
    security: route.access === 'public' ? [] : [{ apiKey: [] }, { consoleSession: [] }],
  };
}

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query', components: ComponentCollector) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
    schema: components.convert(field as z.ZodType, 'input'),
  }));
}

/** `GET /v1/users/:userId/notifications` → `getV1UsersUserIdNotifications` */
function operationId(route: RouteDefinition): string {
  const words = route.url.split(/[/:_-]+/).filter(Boolean);
  return route.method.toLowerCase() + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

/**
 * Converts schemas one by one and gathers the named ones (`.meta({ id })`) as components, so that
 * `$ref`s point into `#/components/schemas` instead of each schema's own `$defs`.
 */
class ComponentCollector {
  readonly schemas: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
    const { $schema: _dialect, $defs, ...rest } = converted;
    for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.schemas[id] = relinked(definition);
    }
    const id = (rest.id as string | undefined) ?? undefined;
    if (id !== undefined) {
      // a named schema at the top: store it once, refer to it
      const { id: _id, ...definition } = rest;
      this.schemas[id] = relinked(definition);
      return { $ref: `#/components/schemas/${id}` };
    }
    return relinked(rest);
  }
}

/** Rewrites `#/$defs/X` references to `#/components/schemas/X`, deeply. */
function relinked(value: JsonSchema): JsonSchema {
  return JSON.parse(
    JSON.stringify(value, (key, item: unknown) =>
      key === '$ref' && typeof item === 'string' ? item.replace('#/$defs/', '#/components/schemas/') : item,
    ),
  ) as JsonSchema;
}
