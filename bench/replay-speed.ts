/**
 * Figure 6, replay speed: recorded histories replayed per second against the current workflow code
 * (the fixtures of test/replay/histories, all workflow types, many times over); beside it, histories
 * of bare one-activity workflows recorded in this run, replayed the same way.
 */
import { Worker } from '@temporalio/worker';
import { uniqueId } from '../test/harness/engine';
import { loadFixtures, type Fixture } from '../test/replay/replay-histories';
import { runAlone, type BenchContext } from './bench-context';
import { mapLimit, printTable, ratio } from './measure';

const REPLAYS = Number(process.env.BENCH_REPLAYS ?? 400);

async function replayRate(
  context: BenchContext,
  histories: Fixture['history'][],
): Promise<{ perSecond: number; eventsPerSecond: number }> {
  const batch = Array.from({ length: REPLAYS }, (_, i) => ({
    workflowId: `replay-${i}`,
    history: histories[i % histories.length]!,
  }));
  const started = performance.now();
  for await (const result of Worker.runReplayHistories({ workflowBundle: context.workflowBundle }, batch)) {
    if (result.error) throw new Error(`replay of ${result.workflowId} failed: ${result.error.message}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const events = batch.reduce((sum, item) => sum + (item.history.events?.length ?? 0), 0);
  return { perSecond: REPLAYS / seconds, eventsPerSecond: events / seconds };
}

export async function replaySpeed(context: BenchContext): Promise<void> {
  const fixtures = loadFixtures().map((fixture) => fixture.history);

  const baseline = await context.startBaselineWorker();
  const ids = Array.from({ length: 20 }, () => uniqueId('replay-bare'));
  await mapLimit(ids, 10, (workflowId) =>
    baseline.client.workflow.execute('baselineOneActivity', { taskQueue: baseline.taskQueue, workflowId }),
  );
  const bareHistories = await mapLimit(ids, 10, (workflowId) =>
    baseline.client.workflow.getHandle(workflowId).fetchHistory(),
  );
  await baseline.stop();

  const engine = await replayRate(context, fixtures);
  const bare = await replayRate(context, bareHistories);
  const averageEvents = (histories: Fixture['history'][]) =>
    histories.reduce((sum, h) => sum + (h.events?.length ?? 0), 0) / histories.length;
  printTable(`6. Replay speed (${REPLAYS} replays each)`, [
    [
      '',
      `engine (${fixtures.length} recorded histories, ${averageEvents(fixtures).toFixed(0)} events on average)`,
      `bare Temporal (${averageEvents(bareHistories).toFixed(0)} events)`,
      'engine / bare',
    ],
    [
      'histories per second',
      engine.perSecond.toFixed(0),
      bare.perSecond.toFixed(0),
      ratio(engine.perSecond, bare.perSecond),
    ],
    [
      'events per second',
      engine.eventsPerSecond.toFixed(0),
      bare.eventsPerSecond.toFixed(0),
      ratio(engine.eventsPerSecond, bare.eventsPerSecond),
    ],
  ]);
}

if (require.main === module) runAlone(replaySpeed);
