import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../api-dependencies';

const CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

export function registerHealthRoutes(app: FastifyInstance, deps: ApiDependencies): void {
  app.get('/healthz', async (_request, reply) => {
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
  });
}
