/**
 * The workflow patches since release 0.2.0, the replay baseline: every change of a workflow's
 * command sequence that a running execution could reach is guarded with `patched()` and listed here,
 * with why and the recorded history from before it. test/replay/replay.test.ts checks that each
 * listed patch has its before-fixture and a fixture from after it, that both replay, and that no
 * fixture carries a patch marker missing from this list.
 *
 * How to add one (the documented example):
 *
 *   // patches.ts
 *   export const SLOT_TELLS_HOST_FIRST = {
 *     id: 'slot-tells-host-first',
 *     reason: 'the host hears of a failed meeting before the members do',
 *     beforeFixture: 'before-slot-tells-host-first--zoom-meeting.json',
 *   } as const satisfies WorkflowPatch;
 *   export const PATCHES: readonly WorkflowPatch[] = [SLOT_TELLS_HOST_FIRST];
 *
 *   // meeting-slot.workflow.ts: read the flag once, where the changed sequence starts
 *   if (patched(SLOT_TELLS_HOST_FIRST.id)) await tellHost(slot);
 *
 * Before changing the workflow, record the before-fixture with today's code (`REPLAY_SCENARIOS=…
 * npm run replay:record`, then rename the file to `before-<id>--<kind>.json`); after the change,
 * record again. Retire a patch once no execution of the old shape can run: `deprecatePatch(id)` for a
 * release, then remove it, its entry here and its before-fixture.
 */
export interface WorkflowPatch {
  /** the `patched()` ID: never reused, never renamed */
  id: string;
  /** what changed and why, in a sentence */
  reason: string;
  /** the history under test/replay/histories/ recorded before the change */
  beforeFixture: string;
}

/** An automation run records how it ended as a search attribute (the console counts failing runs). */
export const RUN_STATUS_SEARCH_ATTRIBUTE = {
  id: 'run-status-search-attribute',
  reason: 'a run upserts AutomationRunStatus when it finishes, so visibility can count the runs that failed',
  beforeFixture: 'before-run-status-search-attribute--automation-run.json',
} as const satisfies WorkflowPatch;

export const PATCHES: readonly WorkflowPatch[] = [RUN_STATUS_SEARCH_ATTRIBUTE];
