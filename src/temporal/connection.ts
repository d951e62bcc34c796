import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SearchAttributeType } from '@temporalio/common';
import { customSearchAttributes } from './search-attributes';

/** gRPC status code UNIMPLEMENTED */
const GRPC_UNIMPLEMENTED = 12;
const GRPC_ALREADY_EXISTS = 6;

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

const INDEXED_TYPE: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.TEXT]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.KEYWORD_LIST]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * Registers our search attributes on a cluster that lacks them (the embedded dev server gets them
 * as start flags). Idempotent.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  let existing;
  try {
    existing = await connection.operatorService.listSearchAttributes({ namespace });
  } catch (error) {
    // The time-skipping test server cannot list them; adding is idempotent there.
    if ((error as { code?: number }).code === GRPC_UNIMPLEMENTED) return addSearchAttributes(connection, namespace);
    throw error;
  }
  const known = new Set([
    ...Object.keys(existing.customAttributes ?? {}),
    ...Object.keys(existing.systemAttributes ?? {}),
  ]);
  const missing = customSearchAttributes.filter((key) => !known.has(key.name));
  if (missing.length > 0) await addSearchAttributes(connection, namespace, missing);
}

/** Registers the given search attributes (the time-skipping test server cannot list them first). */
export async function addSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: readonly (typeof customSearchAttributes)[number][] = customSearchAttributes,
): Promise<void> {
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(keys.map((key) => [key.name, INDEXED_TYPE[key.type]])),
    });
  } catch (error) {
    if ((error as { code?: number }).code !== GRPC_ALREADY_EXISTS) throw error;
  }
}
