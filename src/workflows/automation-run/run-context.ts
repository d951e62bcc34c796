/** What each step of an automation run works with. */
import type { AutomationRunInput } from './automation-run.workflow';
import type { RunProgram } from './run-program';
import type { RunReporter } from './run-reporter';

/** What one step of the run sees: the program it moves, the reporter, and the stop rule. */
export interface RunContext {
  input: AutomationRunInput;
  runId: string;
  program: RunProgram;
  reporter: RunReporter;
  stopped: () => boolean;
  timeline: (type: string, details: Record<string, unknown>) => void;
}
