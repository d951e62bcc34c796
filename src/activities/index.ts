/**
 * All activities, built from the engine's dependencies. Activities are thin: they call the
 * integrations and the store.
 */
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import { createEmailSender, type EmailSender } from '../integrations/email/email-sender';
import { createSmsSender, type SmsSender } from '../integrations/sms/sms-sender';
import { ZoomApiClient } from '../integrations/zoom/zoom-api-client';
import { ZoomOAuthClient } from '../integrations/zoom/zoom-oauth-client';
import type { Logger } from '../logging';
import { AppointmentArchiveRepository } from '../store/appointment-archive-repository';
import { AutomationsRepository } from '../store/automations-repository';
import { CalendarsRepository } from '../store/calendars-repository';
import { ContactsRepository } from '../store/contacts-repository';
import type { Database } from '../store/database';
import { MessageLogRepository } from '../store/message-log-repository';
import { NotificationsRepository } from '../store/notifications-repository';
import { TokenCipher } from '../store/token-cipher';
import { UsersRepository } from '../store/users-repository';
import { ZoomConnectionsRepository } from '../store/zoom-connections-repository';
import { ZoomMeetingsRepository } from '../store/zoom-meetings-repository';
import { ZoomQuotaRepository } from '../store/zoom-quota-repository';
import { createAppointmentActivities } from './appointment-activities';
import { createMessageActivities } from './message-activities';
import { createZoomActivities } from './zoom-activities';
import { ZoomTokenProvider } from './zoom-token-provider';

export interface ActivityDependencies {
  config: Config;
  db: Database;
  logger: Logger;
  client: Client;
  /** tests may pass their own (e.g. pointing at fakes); default from config */
  email?: EmailSender;
  sms?: SmsSender;
}

export function createActivities(deps: ActivityDependencies) {
  const { config, db, client } = deps;
  const users = new UsersRepository(db);
  const oauth = config.zoom.oauth
    ? new ZoomOAuthClient({
        oauthBaseUrl: config.zoom.oauthBaseUrl,
        clientId: config.zoom.oauth.clientId,
        clientSecret: config.zoom.oauth.clientSecret,
      })
    : undefined;
  const connections = new ZoomConnectionsRepository(db, new TokenCipher(config.encryptionKey));

  return {
    ...createAppointmentActivities({
      client,
      taskQueue: config.temporal.taskQueue,
      automations: new AutomationsRepository(db),
      notifications: new NotificationsRepository(db),
      archive: new AppointmentArchiveRepository(db),
    }),
    ...createZoomActivities({
      api: new ZoomApiClient({ apiBaseUrl: config.zoom.apiBaseUrl }),
      tokens: new ZoomTokenProvider(connections, oauth),
      quota: new ZoomQuotaRepository(db),
      users,
      meetings: new ZoomMeetingsRepository(db),
    }),
    ...createMessageActivities({
      client,
      email:
        deps.email ??
        createEmailSender({ smtpUrl: config.email.smtpUrl, outboxDir: path.join(config.dataDir, 'outbox', 'email') }),
      sms:
        deps.sms ??
        createSmsSender({
          credentials: config.twilio.credentials,
          apiBaseUrl: config.twilio.apiBaseUrl,
          outboxDir: path.join(config.dataDir, 'outbox', 'sms'),
        }),
      log: new MessageLogRepository(db),
      notifications: new NotificationsRepository(db),
      contacts: new ContactsRepository(db),
      users,
      calendars: new CalendarsRepository(db),
      emailConfig: config.email,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
