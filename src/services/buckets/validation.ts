/** Key, metadata and tag rules S3 enforces before storing anything. */
import { invalidArgument, invalidTag, keyTooLong, S3Error } from './errors';
import { MAX_KEY_BYTES, MAX_METADATA_BYTES, MAX_OBJECT_TAGS, MAX_TAG_KEY, MAX_TAG_VALUE } from './limits';

export function validateKey(key: string): void {
  if (key === '') throw invalidArgument('Object key must not be empty', 'key', '');
  const bytes = Buffer.byteLength(key);
  if (bytes > MAX_KEY_BYTES) throw keyTooLong(bytes);
}

export function validateMetadata(metadata: Record<string, string>): void {
  let size = 0;
  for (const [name, value] of Object.entries(metadata)) size += Buffer.byteLength(name) + Buffer.byteLength(value);
  if (size > MAX_METADATA_BYTES) {
    throw new S3Error('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.', 400, { Size: String(size), MaxSizeAllowed: String(MAX_METADATA_BYTES) });
  }
}

export function validateTags(tags: Record<string, string>): void {
  const entries = Object.entries(tags);
  if (entries.length > MAX_OBJECT_TAGS) throw new S3Error('BadRequest', 'Object tags cannot be greater than 10');
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > MAX_TAG_KEY) throw invalidTag('The TagKey you have provided is invalid');
    if (value.length > MAX_TAG_VALUE) throw invalidTag('The TagValue you have provided is invalid');
  }
}
