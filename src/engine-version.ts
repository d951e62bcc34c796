/** The engine's version, from package.json (read once; one level above both src/ and dist/). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ENGINE_VERSION: string = (
  JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;
