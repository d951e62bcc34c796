/** The store behaves the same on the embedded PGlite and on PostgreSQL: same schema, same SQL. */
import { migrate, migrations } from '../../src/store/migrations';
import { openDatabase } from '../../src/store/open-database';
import { UsersRepository } from '../../src/store/users-repository';
import { CalendarsRepository } from '../../src/store/calendars-repository';
import { ContactsRepository } from '../../src/store/contacts-repository';
import type { Database } from '../../src/store/database';
import { createPostgresDatabase, DATABASE_KINDS, openTestDatabase } from '../harness/databases';

describe.each(DATABASE_KINDS)('store on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  test('runs on the expected engine', async () => {
    expect(db.kind).toBe(kind);
    const [row] = await db.query<{ version: string }>('SELECT version()');
    expect(row?.version).toMatch(/PostgreSQL/);
  });

  test('every migration is applied once; migrating again applies nothing', async () => {
    const applied = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.map((row) => row.version)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
  });

  test('user upsert: created, unchanged repeat keeps updatedAt, change updates', async () => {
    const users = new UsersRepository(db);
    const input = { name: 'Ann', email: 'ann@example.com', phone: null, timezone: 'UTC' };
    const first = await users.upsert('u1', input);
    expect(first.created).toBe(true);
    const again = await users.upsert('u1', input);
    expect(again.created).toBe(false);
    expect(again.row.updatedAt).toBe(first.row.updatedAt);
    const changed = await users.upsert('u1', { ...input, name: 'Ann B' });
    expect(changed.created).toBe(false);
    expect(changed.row.name).toBe('Ann B');
    expect(await users.get('u1')).toEqual(changed.row);
    expect(await users.missing(['u1', 'u2'])).toEqual(['u2']);
  });

  test('calendar JSON columns round-trip', async () => {
    const calendars = new CalendarsRepository(db);
    const input = {
      name: 'Team',
      type: 'collective' as const,
      teamMemberIds: ['u1', 'u9'],
      meetingLocation: { type: 'static' as const, value: 'Room "A"; floor 2' },
      slotCapacity: 3,
      timezone: 'Europe/Berlin',
      reschedulePageUrl: 'https://book.example.com/team?ref=crm',
    };
    const { row, created } = await calendars.upsert('c1', input);
    expect(created).toBe(true);
    expect(row).toMatchObject(input);
    expect((await calendars.upsert('c1', input)).created).toBe(false);
    expect(await calendars.get('c1')).toMatchObject(input);
  });

  test('contacts keep optional fields as null', async () => {
    const contacts = new ContactsRepository(db);
    const { row } = await contacts.upsert('k1', {
      firstName: 'Bo',
      lastName: null,
      email: null,
      phone: null,
      timezone: null,
    });
    expect(row).toMatchObject({ firstName: 'Bo', lastName: null, email: null });
  });

  test('a transaction that throws leaves nothing behind', async () => {
    const users = new UsersRepository(db);
    await expect(
      db.transaction(async (tx) => {
        await new UsersRepository(tx).upsert('u-rollback', {
          name: 'X',
          email: 'x@example.com',
          phone: null,
          timezone: 'UTC',
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await users.get('u-rollback')).toBeUndefined();
  });
});

test('several processes migrating one PostgreSQL at once apply each migration once', async () => {
  const url = await createPostgresDatabase();
  const dbs = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url })));
  try {
    const [first] = dbs;
    const rows = await first!.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(rows).toHaveLength(migrations.length);
  } finally {
    await Promise.all(dbs.map((db) => db.close()));
  }
});
