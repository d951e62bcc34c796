/**
 * Automations, versioned: every PUT stores a new version; runs keep the version they started with.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Automation, AutomationInput } from '../domain/automation';
import type { Database } from './database';
import { isoTimestamp } from './upsert';

interface AutomationRow {
  id: string;
  version: number;
  definition: AutomationInput;
  created_at: Date;
  updated_at: Date;
}

/** Compared as stored (JSON: no undefined keys), whatever the key order jsonb gave back. */
export function sameDefinition(stored: AutomationInput, input: AutomationInput): boolean {
  const definition = ({ name, status, trigger, actions }: AutomationInput) =>
    JSON.parse(JSON.stringify({ name, status, trigger, actions }));
  return isDeepStrictEqual(definition(stored), definition(input));
}

function toAutomation(row: AutomationRow): Automation {
  return {
    ...row.definition,
    id: row.id,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

export class AutomationsRepository {
  constructor(private readonly db: Database) {}

  async create(input: AutomationInput, id: string = randomUUID()): Promise<Automation> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<AutomationRow>(
        'INSERT INTO automations (id, version, status, definition) VALUES ($1, 1, $2, $3) RETURNING *',
        [id, input.status, JSON.stringify(input)],
      );
      await tx.query('INSERT INTO automation_versions (automation_id, version, definition) VALUES ($1, 1, $2)', [
        id,
        JSON.stringify(input),
      ]);
      return toAutomation(rows[0] as AutomationRow);
    });
  }

  /**
   * A new version, unless the definition is the one stored (a repeated PUT changes nothing); the row
   * is locked, so two identical PUTs at once still make one version. Undefined: no such automation.
   */
  async update(id: string, input: AutomationInput): Promise<Automation | undefined> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx.query<AutomationRow>('SELECT * FROM automations WHERE id = $1 FOR UPDATE', [id]);
      if (!current) return undefined;
      if (sameDefinition(current.definition, input)) return toAutomation(current);
      const rows = await tx.query<AutomationRow>(
        `UPDATE automations SET version = version + 1, status = $2, definition = $3, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, input.status, JSON.stringify(input)],
      );
      const row = rows[0] as AutomationRow;
      await tx.query('INSERT INTO automation_versions (automation_id, version, definition) VALUES ($1, $2, $3)', [
        id,
        row.version,
        JSON.stringify(input),
      ]);
      return toAutomation(row);
    });
  }

  async get(id: string): Promise<Automation | undefined> {
    const rows = await this.db.query<AutomationRow>('SELECT * FROM automations WHERE id = $1', [id]);
    return rows[0] ? toAutomation(rows[0]) : undefined;
  }

  async list(): Promise<Automation[]> {
    const rows = await this.db.query<AutomationRow>('SELECT * FROM automations ORDER BY created_at, id');
    return rows.map(toAutomation);
  }

  async listPublished(): Promise<Automation[]> {
    const rows = await this.db.query<AutomationRow>(
      "SELECT * FROM automations WHERE status = 'published' ORDER BY created_at, id",
    );
    return rows.map(toAutomation);
  }
}
