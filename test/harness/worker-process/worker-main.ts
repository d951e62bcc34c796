/**
 * The engine's worker alone in a process of its own, so a test can kill it with SIGKILL mid-send, as
 * a crash or an OOM kill would: the same startEngine call as `npm run start:worker`, configured from
 * the environment, except that it loads the tests' prebuilt workflow bundle. Prints `ready` once it
 * polls its task queue.
 */
import { loadConfig } from '../../../src/config';
import { startEngine } from '../../../src/engine';
import { createLogger } from '../../../src/logging';
import { testWorkflowBundlePath } from '../harness-env';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  await startEngine({
    config,
    logger: createLogger(config.logLevel),
    parts: { worker: true, api: false },
    workflowBundle: { codePath: testWorkflowBundlePath() },
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${String(error)}\n`);
  process.exit(1);
});
