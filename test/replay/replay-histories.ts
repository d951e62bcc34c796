/** Replays every recorded history against a workflow bundle; reports the fixture and the first divergence. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

export const HISTORIES_DIR = path.join(__dirname, 'histories');

export interface Fixture {
  name: string;
  history: ReturnType<typeof historyFromJSON>;
}

export function loadFixtures(filter: (name: string) => boolean = () => true): Fixture[] {
  return readdirSync(HISTORIES_DIR)
    .filter((file) => file.endsWith('.json') && filter(file))
    .sort()
    .map((file) => ({
      name: file,
      history: historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8'))),
    }));
}

export interface ReplayFailure {
  fixture: string;
  error: string;
}

export async function replayFixtures(
  bundle: { codePath: string } | WorkflowBundleWithSourceMap,
  fixtures: Fixture[],
): Promise<ReplayFailure[]> {
  const failures: ReplayFailure[] = [];
  const results = Worker.runReplayHistories(
    { workflowBundle: bundle },
    fixtures.map((fixture) => ({ workflowId: fixture.name, history: fixture.history })),
  );
  for await (const result of results) {
    if (result.error) failures.push({ fixture: result.workflowId, error: result.error.message });
  }
  return failures;
}

const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** A scratch bundle of src/workflows in which one source file is edited (the files on disk are not). */
export function bundleWithSourceEdit(
  file: string,
  search: string,
  replace: string,
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../../src/workflows'),
    logger: silent,
    webpackConfigHook: (config) => {
      config.module?.rules?.push({
        test: (resource: string) => resource.endsWith(file),
        use: [{ loader: path.join(__dirname, 'source-edit-loader.js'), options: { file, search, replace } }],
      });
      return config;
    },
  });
}
