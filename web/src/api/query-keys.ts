/**
 * Every query key in one place, nested so that invalidating a prefix refreshes what depends on it
 * (e.g. `['appointments']` covers the lists and every detail).
 */
import type { AppointmentListQuery, TemplatePreviewInput } from './api-types';

/** The appointment list's query, but the page size (which the page fixes). */
export type AppointmentFilters = Omit<AppointmentListQuery, 'pageSize'>;

export const queryKeys = {
  session: ['session'] as const,
  overview: ['overview'] as const,
  users: ['users'] as const,
  zoomConnection: (userId: string) => ['users', userId, 'zoom'] as const,
  notifications: (userId: string) => ['users', userId, 'notifications'] as const,
  calendars: ['calendars'] as const,
  automations: ['automations'] as const,
  automation: (automationId: string) => ['automations', automationId] as const,
  recipes: ['recipes'] as const,
  mergeFields: ['merge-fields'] as const,
  templatePreview: (input: TemplatePreviewInput) => ['template-preview', input] as const,
  appointments: ['appointments'] as const,
  appointmentList: (filters: AppointmentFilters, pageSize: number) =>
    ['appointments', 'list', filters, pageSize] as const,
  appointment: (appointmentId: string) => ['appointments', 'detail', appointmentId] as const,
  appointmentMessages: (appointmentId: string) => ['appointments', 'detail', appointmentId, 'messages'] as const,
};
