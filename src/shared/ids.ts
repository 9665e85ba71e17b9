import { randomUUID } from 'node:crypto';

/** Lambda request ids are v4 UUIDs. */
export const newRequestId = (): string => randomUUID();
