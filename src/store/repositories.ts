/**
 * Every repository over one database, built once by the engine and handed to the parts that need
 * them, so no route or activity constructs its own.
 */
import { AppointmentArchiveRepository } from './appointment-archive-repository';
import { AutomationsRepository } from './automations-repository';
import { CalendarsRepository } from './calendars-repository';
import { ConsoleSessionsRepository } from './console-sessions-repository';
import { ContactsRepository } from './contacts-repository';
import type { Database } from './database';
import { MessageLogRepository } from './message-log-repository';
import { NotificationsRepository } from './notifications-repository';
import { OAuthStatesRepository } from './oauth-states-repository';
import { SmsOptOutsRepository } from './sms-opt-outs-repository';
import { TokenCipher } from './token-cipher';
import { UsersRepository } from './users-repository';
import { ZoomConnectionsRepository } from './zoom-connections-repository';
import { ZoomMeetingsRepository } from './zoom-meetings-repository';
import { ZoomQuotaRepository } from './zoom-quota-repository';

export interface Repositories {
  users: UsersRepository;
  contacts: ContactsRepository;
  calendars: CalendarsRepository;
  automations: AutomationsRepository;
  appointmentArchive: AppointmentArchiveRepository;
  messageLog: MessageLogRepository;
  notifications: NotificationsRepository;
  oauthStates: OAuthStatesRepository;
  consoleSessions: ConsoleSessionsRepository;
  smsOptOuts: SmsOptOutsRepository;
  /** tokens encrypted at rest with the engine's ENCRYPTION_KEY */
  zoomConnections: ZoomConnectionsRepository;
  zoomMeetings: ZoomMeetingsRepository;
  zoomQuota: ZoomQuotaRepository;
}

/** `encryptionKey`: the 32-byte key that encrypts Zoom's OAuth tokens at rest. */
export function createRepositories(db: Database, encryptionKey: Buffer): Repositories {
  return {
    users: new UsersRepository(db),
    contacts: new ContactsRepository(db),
    calendars: new CalendarsRepository(db),
    automations: new AutomationsRepository(db),
    appointmentArchive: new AppointmentArchiveRepository(db),
    messageLog: new MessageLogRepository(db),
    notifications: new NotificationsRepository(db),
    oauthStates: new OAuthStatesRepository(db),
    consoleSessions: new ConsoleSessionsRepository(db),
    smsOptOuts: new SmsOptOutsRepository(db),
    zoomConnections: new ZoomConnectionsRepository(db, new TokenCipher(encryptionKey)),
    zoomMeetings: new ZoomMeetingsRepository(db),
    zoomQuota: new ZoomQuotaRepository(db),
  };
}
