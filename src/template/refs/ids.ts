import { createHash } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** API Gateway ids are 10 lowercase letters and digits (e.g. `a1b2c3d4e5`). */
const API_ID_LENGTH = 10;

/** A deterministic API-Gateway-shaped id derived from a logical id (same template → same id). */
export function deterministicId(seed: string, length = API_ID_LENGTH): string {
  const bytes = createHash('sha256').update(seed).digest();
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[bytes[i]! % ALPHABET.length];
  return id;
}
