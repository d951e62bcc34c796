/**
 * The one error type the HTTP layer answers with. Everything a caller can act on is mapped to it
 * here, once: `{"error": {"code", "message", "issues"?}}`.
 */
import type { ZodError } from 'zod';
import { formatIssuePath } from '../domain/issue-path';

export interface Issue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): { error: { code: string; message: string; issues?: Issue[] } } {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

export function zodIssues(error: ZodError, prefix?: string): Issue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? // name each unknown field, so a typo like "startsAt" points at itself
        issue.keys.map((key) => ({
          path: formatIssuePath([...issue.path, key], prefix),
          message: 'is not a known field',
        }))
      : [{ path: formatIssuePath(issue.path, prefix), message: issue.message }],
  );
}

export const invalidRequest = (issues: Issue[], message?: string) =>
  new ApiError(
    400,
    'invalid_request',
    message ?? `invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    issues,
  );

export const notFound = (what: string, id: string) => new ApiError(404, 'not_found', `${what} ${id} does not exist`);
