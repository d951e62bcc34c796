import type { ApiDependencies } from '../api-dependencies';
import { defineRoute } from '../route-definition';
import { healthSchema } from '../schemas/operator-schemas';

const CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

const health = defineRoute({
  method: 'GET',
  url: '/healthz',
  summary: 'Whether Temporal and the database answer',
  tag: 'Operations',
  access: 'public',
  responses: {
    200: { description: 'all parts answer', schema: healthSchema },
    503: { description: 'a part is down', schema: healthSchema },
  },
  handler: async (deps: ApiDependencies, _request, reply) => {
    const [temporal, database] = await Promise.all([
      withTimeout(deps.temporal.workflowService.getSystemInfo({}), CHECK_TIMEOUT_MS).then(
        () => 'ok',
        (error: unknown) => `down: ${error instanceof Error ? error.message : String(error)}`,
      ),
      withTimeout(deps.db.query('SELECT 1'), CHECK_TIMEOUT_MS).then(
        () => 'ok',
        (error: unknown) => `down: ${error instanceof Error ? error.message : String(error)}`,
      ),
    ]);
    const ok = temporal === 'ok' && database === 'ok';
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', temporal, database });
  },
});

export const healthRoutes = [health];
