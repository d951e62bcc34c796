/**
 * The file mechanics both outboxes share (e-mail as `.eml`, SMS as JSON, under `${DATA_DIR}/outbox/`):
 * a file name derived from the message's stable key, so a repeated send of the same (run, step) finds
 * its file instead of writing a second one; and writes that appear whole or not at all.
 */
import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A file name stem that is safe on every file system and unique per key: the key's own characters
 * where they are safe; if anything had to be replaced or cut, a hash of `identity` (the exact key,
 * by default `name` itself) keeps two keys that look alike apart.
 */
export function safeFileStem(name: string, identity: string = name): string {
  const safe = name
    .replace(/[^A-Za-z0-9._@+-]/g, '_')
    .replace(/^\./, '_')
    .slice(0, 150);
  if (safe === name && safe !== '') return safe;
  return `${safe}-${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`;
}

export async function fileExists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `content` to `file` (creating its directory): temp file in the same directory + fsync +
 * rename, so readers never see a half-written message and a crash leaves no partial file. The temp
 * file's name starts with a dot: listings of the outbox can skip it.
 */
export async function writeFileAtomically(file: string, content: Buffer | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
