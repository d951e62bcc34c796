/**
 * All activities, built from the engine's dependencies. Activities are thin: they call the
 * integrations and the store.
 */
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import { createEmailSender, type EmailSender } from '../integrations/email/email-sender';
import { createSmsSender, type SmsSender } from '../integrations/sms/sms-sender';
import type { ZoomClients } from '../integrations/zoom/zoom-clients';
import { SelfServiceLinks } from '../self-service/self-service-links';
import type { Repositories } from '../store/repositories';
import { createAppointmentActivities } from './appointment-activities';
import { createAppointmentFactActivities } from './appointment-fact-activities';
import { createMessageActivities } from './message-activities';
import { createZoomActivities } from './zoom-activities';
import { ZoomTokenProvider } from './zoom-token-provider';

export interface ActivityDependencies {
  config: Config;
  client: Client;
  /** built once by the engine, shared with the API */
  repositories: Repositories;
  zoom: ZoomClients;
  /** tests may pass their own (e.g. pointing at fakes); default from config */
  email?: EmailSender;
  sms?: SmsSender;
}

export function createActivities(deps: ActivityDependencies) {
  const { config, client, repositories: r, zoom } = deps;
  return {
    ...createAppointmentActivities({
      client,
      taskQueue: config.temporal.taskQueue,
      automations: r.automations,
      notifications: r.notifications,
      archive: r.appointmentArchive,
    }),
    ...createAppointmentFactActivities({ client, contacts: r.contacts, users: r.users, calendars: r.calendars }),
    ...createZoomActivities({
      api: zoom.api,
      tokens: new ZoomTokenProvider(r.zoomConnections, zoom.oauth),
      quota: r.zoomQuota,
      users: r.users,
      meetings: r.zoomMeetings,
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
      log: r.messageLog,
      notifications: r.notifications,
      smsOptOuts: r.smsOptOuts,
      contacts: r.contacts,
      users: r.users,
      calendars: r.calendars,
      emailConfig: config.email,
      links: new SelfServiceLinks(config.linkSigningKey, config.publicBaseUrl),
      calendarInviteDomain: new URL(config.publicBaseUrl).hostname,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
