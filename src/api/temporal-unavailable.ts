/**
 * Whether an error means Temporal could not take the request now, and repeating it is safe: gRPC
 * DEADLINE_EXCEEDED (4) or UNAVAILABLE (14), an update nobody processed in time, or an update
 * refused while the workflow's last task failed (FAILED_PRECONDITION, e.g. a worker died mid-task:
 * the retried task heals it). The API answers 503 for these, as JSON or as a page.
 */
import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

export function isTemporalUnavailable(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (error instanceof ServiceError) {
    const cause = error.cause as { code?: number; message?: string } | undefined;
    if (cause?.code === 9 && /workflow task in failed state/i.test(cause.message ?? '')) return true;
    return cause?.code === 4 || cause?.code === 14;
  }
  const code = (error as { code?: unknown }).code;
  return error instanceof Error && (code === 4 || code === 14) && !('statusCode' in error);
}
