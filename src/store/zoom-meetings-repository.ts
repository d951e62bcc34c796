/** Which meeting slot owns a Zoom meeting: lets Zoom's webhooks (by meeting ID) reach the appointments. */
import type { Sql } from './database';

export class ZoomMeetingsRepository {
  constructor(private readonly sql: Sql) {}

  async record(meetingId: string, slotWorkflowId: string, hostUserId: string): Promise<void> {
    await this.sql.query(
      'INSERT INTO zoom_meetings (meeting_id, slot_workflow_id, host_user_id) VALUES ($1, $2, $3) ON CONFLICT (meeting_id) DO NOTHING',
      [meetingId, slotWorkflowId, hostUserId],
    );
  }

  async slotOf(meetingId: string): Promise<string | undefined> {
    const rows = await this.sql.query<{ slot_workflow_id: string }>(
      'SELECT slot_workflow_id FROM zoom_meetings WHERE meeting_id = $1',
      [meetingId],
    );
    return rows[0]?.slot_workflow_id;
  }
}
