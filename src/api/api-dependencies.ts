/**
 * What the HTTP API works with, built once by the engine: route files receive their repositories
 * and clients from here and construct none.
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import type { ZoomClients } from '../integrations/zoom/zoom-clients';
import type { Logger } from '../logging';
import type { Database } from '../store/database';
import type { Repositories } from '../store/repositories';

export interface ApiDependencies {
  config: Config;
  /** the database itself only for the health check; everything else goes through `repositories` */
  db: Database;
  temporal: Client;
  logger: Logger;
  repositories: Repositories;
  zoom: ZoomClients;
}
