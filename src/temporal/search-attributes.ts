/**
 * Custom search attributes of the appointment and automation-run workflows, so they can be listed and
 * filtered in the Temporal UI and by the console (e.g. `HostUserId = "u1" AND AppointmentStart > "2026-12-01T00:00:00Z"`).
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const AppointmentIdKey = defineSearchAttributeKey('AppointmentId', SearchAttributeType.KEYWORD);
export const ContactIdKey = defineSearchAttributeKey('ContactId', SearchAttributeType.KEYWORD);
export const CalendarIdKey = defineSearchAttributeKey('CalendarId', SearchAttributeType.KEYWORD);
export const HostUserIdKey = defineSearchAttributeKey('HostUserId', SearchAttributeType.KEYWORD);
export const AppointmentStatusKey = defineSearchAttributeKey('AppointmentStatus', SearchAttributeType.KEYWORD);
export const AppointmentStartKey = defineSearchAttributeKey('AppointmentStart', SearchAttributeType.DATETIME);
/** How an automation run ended (`completed`, `stopped`, `failed`), so failing runs can be counted. */
export const AutomationRunStatusKey = defineSearchAttributeKey('AutomationRunStatus', SearchAttributeType.KEYWORD);

export const customSearchAttributes = [
  AppointmentIdKey,
  ContactIdKey,
  CalendarIdKey,
  HostUserIdKey,
  AppointmentStatusKey,
  AppointmentStartKey,
  AutomationRunStatusKey,
] as const;

/** `--search-attribute Name=Type` flags of `temporal server start-dev` */
export function devServerSearchAttributeArgs(): string[] {
  const cliType: Record<string, string> = {
    [SearchAttributeType.KEYWORD]: 'Keyword',
    [SearchAttributeType.DATETIME]: 'Datetime',
    [SearchAttributeType.TEXT]: 'Text',
    [SearchAttributeType.INT]: 'Int',
    [SearchAttributeType.DOUBLE]: 'Double',
    [SearchAttributeType.BOOL]: 'Bool',
    [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
  };
  return customSearchAttributes.flatMap((key) => ['--search-attribute', `${key.name}=${cliType[key.type]}`]);
}
