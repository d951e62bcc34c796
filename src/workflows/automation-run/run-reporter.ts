/**
 * What an automation run tells its appointment: its progress (status and current step) and its
 * timeline entries, in as few signals as possible. Timeline entries wait for the next progress
 * report and travel with it; a report that repeats the last one is not sent, unless it carries
 * entries. Takes the sending as a function, so its batching is unit-tested without a server.
 */
import type { AutomationRunStatus, TimelineEntry } from '../../domain/appointment';
import type { RunReport } from '../messages';

/** A run's progress as the appointment last heard it. */
export interface ReportedProgress {
  status: AutomationRunStatus;
  currentStep: string | null;
}

export class RunReporter {
  private unreported: TimelineEntry[] = [];

  constructor(
    private readonly runWorkflowId: string,
    private readonly send: (report: RunReport) => Promise<void>,
    /** what the appointment already knows (it records a run as running at its first step when starting it) */
    private last: ReportedProgress,
  ) {}

  /** What the appointment knows now: carried over by continue-as-new. */
  get reported(): ReportedProgress {
    return this.last;
  }

  /** Queues an entry for the next report. */
  timeline(entry: TimelineEntry): void {
    this.unreported.push(entry);
  }

  async progress(status: AutomationRunStatus, currentStep: string | null): Promise<void> {
    const repeated = status === this.last.status && currentStep === this.last.currentStep;
    if (repeated && this.unreported.length === 0) return;
    this.last = { status, currentStep };
    const report: RunReport = { runWorkflowId: this.runWorkflowId, status, currentStep };
    if (this.unreported.length > 0) {
      report.timeline = this.unreported;
      this.unreported = [];
    }
    await this.send(report);
  }

  /** Before a wait that no progress report precedes: the entries not yet reported go out now. */
  async flush(): Promise<void> {
    if (this.unreported.length > 0) await this.progress(this.last.status, this.last.currentStep);
  }
}
