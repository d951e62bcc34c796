/** Every workflow type of the engine, re-exported for the worker's bundle. */
export { appointment } from './appointment/appointment.workflow';
export { meetingSlot } from './meeting-slot/meeting-slot.workflow';
export { automationRun } from './automation-run/automation-run.workflow';
// bare-Temporal baselines for bench/, not used by the engine
export { baselineOneActivity, baselineTimerThenActivity } from './baseline.workflow';
