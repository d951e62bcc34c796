/**
 * All activities, built from the engine's dependencies. Activities are thin: they call the
 * integrations and the store.
 */
import type { Config } from '../config';
import type { Logger } from '../logging';
import type { Database } from '../store/database';

export interface ActivityDependencies {
  config: Config;
  db: Database;
  logger: Logger;
}

export function createActivities(_deps: ActivityDependencies) {
  return {};
}

export type Activities = ReturnType<typeof createActivities>;
