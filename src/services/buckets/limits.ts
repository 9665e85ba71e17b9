/** S3's limits (Amazon S3 User Guide: "Bucket naming rules", "Object key naming", "Multipart upload limits"). */
export const MAX_KEY_BYTES = 1024;
export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const MAX_PART_BYTES = 5 * 1024 * 1024 * 1024;
export const MAX_PART_NUMBER = 10_000;
/** A single PUT may carry at most 5 GiB. */
export const MAX_PUT_BYTES = 5 * 1024 * 1024 * 1024;
export const MAX_KEYS_DEFAULT = 1000;
/** DeleteObjects takes at most 1000 keys. */
export const MAX_DELETE_KEYS = 1000;
/** User metadata (x-amz-meta-* names and values) is limited to 2 KB per object. */
export const MAX_METADATA_BYTES = 2048;
/** Object tags: at most 10, keys ≤ 128 and values ≤ 256 characters. */
export const MAX_OBJECT_TAGS = 10;
export const MAX_TAG_KEY = 128;
export const MAX_TAG_VALUE = 256;

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** General purpose bucket naming rules: 3–63 characters, lower case, digits, dots, hyphens. */
export function isValidBucketName(name: string): boolean {
  return (
    BUCKET_NAME.test(name) &&
    !name.includes('..') &&
    !name.includes('.-') &&
    !name.includes('-.') &&
    !IP_ADDRESS.test(name) &&
    !name.startsWith('xn--') &&
    !name.startsWith('sthree-') &&
    !name.endsWith('-s3alias') &&
    !name.endsWith('--ol-s3')
  );
}
