/**
 * The API's error body (`{"error": {"code", "message", "issues"?}}`) as one error type, so every
 * page shows the server's own sentence and forms can put each issue at the field its path names.
 */

export interface ApiIssue {
  /** e.g. `actions[2].html`, `trigger.filters.statuses[0]`, `meetingLocation.value` */
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The engine could not be reached at all (network down, server stopped). */
export class UnreachableError extends Error {
  constructor() {
    super('The engine did not answer. Check that it is running, then try again.');
    this.name = 'UnreachableError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function issuesOf(value: unknown): ApiIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((issue: unknown) =>
    isRecord(issue) && typeof issue.path === 'string' && typeof issue.message === 'string'
      ? [{ path: issue.path, message: issue.message }]
      : [],
  );
}

/** Reads whatever an error response carried; a body that is not the API's shape still gives a sentence. */
export function apiErrorFrom(response: Response, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  const message =
    typeof error?.message === 'string'
      ? error.message
      : `The engine answered ${response.status} ${response.statusText || ''}`.trim();
  return new ApiError(response.status, code, message, issuesOf(error?.issues));
}

/** A sentence for any error a query or mutation may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
