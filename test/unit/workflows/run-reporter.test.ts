/** How a run reports to its appointment: progress, batched timeline entries, no repeats. */
import type { RunReport } from '../../../src/workflows/messages';
import { RunReporter } from '../../../src/workflows/automation-run/run-reporter';

const entry = (type: string) => ({ at: '2026-12-10T15:00:00.000Z', type, runId: 'run' });

function reporter(currentStep: string | null = 'a') {
  const sent: RunReport[] = [];
  const r = new RunReporter('run', async (report) => void sent.push(report), { status: 'running', currentStep });
  return { r, sent };
}

test('the first step, which the appointment recorded when starting the run, is not reported again', async () => {
  const { r, sent } = reporter('a');
  await r.progress('running', 'a');
  expect(sent).toEqual([]);
  await r.progress('running', 'b');
  expect(sent).toEqual([{ runWorkflowId: 'run', status: 'running', currentStep: 'b' }]);
});

test('timeline entries travel with the next progress report, even one that repeats the last', async () => {
  const { r, sent } = reporter('a');
  r.timeline(entry('message.sent'));
  r.timeline(entry('automation.wait_passed'));
  await r.progress('running', 'a');
  expect(sent).toEqual([
    {
      runWorkflowId: 'run',
      status: 'running',
      currentStep: 'a',
      timeline: [entry('message.sent'), entry('automation.wait_passed')],
    },
  ]);
  await r.progress('running', 'a');
  expect(sent).toHaveLength(1);
});

test('flush sends the waiting entries with the progress the appointment already knows, and nothing when none wait', async () => {
  const { r, sent } = reporter('a');
  await r.flush();
  expect(sent).toEqual([]);
  await r.progress('running', 'b');
  r.timeline(entry('message.sent'));
  await r.flush();
  expect(sent.at(-1)).toEqual({
    runWorkflowId: 'run',
    status: 'running',
    currentStep: 'b',
    timeline: [entry('message.sent')],
  });
  expect(r.reported).toEqual({ status: 'running', currentStep: 'b' });
});

test('a finished status on the same step is reported', async () => {
  const { r, sent } = reporter('a');
  await r.progress('completed', null);
  expect(sent).toEqual([{ runWorkflowId: 'run', status: 'completed', currentStep: null }]);
});
