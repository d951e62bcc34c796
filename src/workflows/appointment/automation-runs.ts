/**
 * The appointment's side of its automation runs, as pure rules: a run started for a status event is
 * recorded as running at its first step; its reports move its status and bring its timeline
 * entries; after a change, each active run that does not have the current snapshot is sent it.
 */
import type { MatchedAutomation } from '../../activities/appointment-activity-types';
import type { AppointmentStatus, ChangeSource } from '../../domain/appointment';
import type { AppointmentSnapshot, RunReport } from '../messages';
import { addTimeline, type AppointmentState } from './appointment-state';

/**
 * A run was started (or found started: then with a snapshot we no longer know, so the next change
 * is sent to it whatever it is).
 */
export function recordRunStarted(
  state: AppointmentState,
  run: {
    runWorkflowId: string;
    match: MatchedAutomation;
    status: AppointmentStatus;
    /** who made the change that triggered it */
    source: ChangeSource;
    startedWith: AppointmentSnapshot | null;
  },
  now: number,
): void {
  const { runWorkflowId, match, status, source, startedWith } = run;
  state.runs[runWorkflowId] = {
    runId: runWorkflowId,
    automationId: match.automationId,
    automationVersion: match.version,
    status: 'running',
    currentStep: match.actions[0]?.id ?? null,
    active: true,
    ...(startedWith ? { snapshot: JSON.stringify(startedWith) } : {}),
  };
  addTimeline(state, now, 'automation.triggered', {
    automationId: match.automationId,
    automationVersion: match.version,
    runId: runWorkflowId,
    trigger: match.trigger ?? 'appointment_status',
    status,
    source,
  });
}

export function applyRunReport(state: AppointmentState, report: RunReport): void {
  const run = state.runs[report.runWorkflowId];
  if (!run) return;
  state.timeline.push(...(report.timeline ?? []));
  run.status = report.status;
  run.currentStep = report.currentStep;
  run.active = report.status === 'running';
}

/** The active runs that lack this snapshot, marked as having it: the caller sends it to each. */
export function runsToUpdate(state: AppointmentState, snapshot: AppointmentSnapshot): string[] {
  const json = JSON.stringify(snapshot);
  const runs = Object.values(state.runs).filter((run) => run.active && run.snapshot !== json);
  for (const run of runs) run.snapshot = json;
  return runs.map((run) => run.runId);
}

/** A run that could not be told has finished meanwhile: it wants no more snapshots. */
export function runStoppedListening(state: AppointmentState, runWorkflowId: string): void {
  const run = state.runs[runWorkflowId];
  if (run) run.active = false;
}
