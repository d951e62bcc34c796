import type { Calendar, CalendarInput, CalendarType, MeetingLocation } from '../domain/calendar';
import type { Sql } from './database';
import { isoTimestamp, upsertById, type UpsertResult } from './upsert';

interface CalendarRow {
  id: string;
  name: string;
  type: CalendarType;
  team_member_ids: string[];
  meeting_location: MeetingLocation;
  slot_capacity: number;
  timezone: string | null;
  reschedule_page_url: string | null;
  created_at: Date;
  updated_at: Date;
}

function toCalendar(row: CalendarRow): Calendar {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    teamMemberIds: row.team_member_ids,
    meetingLocation: row.meeting_location,
    slotCapacity: row.slot_capacity,
    timezone: row.timezone,
    reschedulePageUrl: row.reschedule_page_url,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export class CalendarsRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(id: string, input: CalendarInput): Promise<UpsertResult<Calendar>> {
    const { row, created } = await upsertById<CalendarRow>(this.sql, 'calendars', id, {
      name: input.name,
      type: input.type,
      // jsonb parameters are sent as JSON text: both drivers would otherwise send a JS array as a PostgreSQL array
      team_member_ids: JSON.stringify(input.teamMemberIds),
      meeting_location: JSON.stringify(input.meetingLocation),
      slot_capacity: input.slotCapacity,
      timezone: input.timezone,
      reschedule_page_url: input.reschedulePageUrl,
    });
    return { row: toCalendar(row), created };
  }

  async get(id: string): Promise<Calendar | undefined> {
    const rows = await this.sql.query<CalendarRow>('SELECT * FROM calendars WHERE id = $1', [id]);
    return rows[0] ? toCalendar(rows[0]) : undefined;
  }

  /** Every calendar, by ID. */
  async list(): Promise<Calendar[]> {
    const rows = await this.sql.query<CalendarRow>('SELECT * FROM calendars ORDER BY id');
    return rows.map(toCalendar);
  }
}
