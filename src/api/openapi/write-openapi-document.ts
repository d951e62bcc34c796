/**
 * `npm run openapi:write [file]`: writes the OpenAPI document to a file (default: where the console's
 * build turns it into TypeScript types), without starting the engine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ENGINE_VERSION } from '../../engine-version';
import { API_ROUTES } from '../routes';
import { buildOpenApiDocument } from './openapi-document';

const target = path.resolve(
  process.argv[2] ?? path.join(__dirname, '..', '..', '..', 'web', 'src', 'api', 'generated', 'openapi.json'),
);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(API_ROUTES, ENGINE_VERSION), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
