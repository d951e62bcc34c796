import { type z, type ZodType } from 'zod';
import { entityIdSchema } from '../domain/ids';
import { invalidRequest, zodIssues } from './errors';

/** Parses an untrusted value or throws a 400 naming every invalid field. */
export function parseInput<Schema extends ZodType>(schema: Schema, value: unknown, prefix?: string): z.infer<Schema> {
  if (value === undefined || value === null) {
    throw invalidRequest([{ path: prefix ?? '(body)', message: 'a JSON body is required' }]);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(zodIssues(result.error, prefix));
  return result.data;
}

/** Validates a path parameter that holds one of the CRM's IDs. */
export function parseId(params: unknown, name: string): string {
  const value = (params as Record<string, unknown> | undefined)?.[name];
  const result = entityIdSchema.safeParse(value);
  if (!result.success) throw invalidRequest([{ path: name, message: result.error.issues[0]?.message ?? 'invalid ID' }]);
  return result.data;
}
