/*
 * Buckets: S3 buckets, the metadata of their objects, and multipart uploads with their parts.
 * The bytes themselves are files (engine/files/object-files.ts) named by a generated `blobId`;
 * a row only points at one. Every method that replaces or removes rows answers the blob ids
 * that no row points at any more, so the caller can delete those files after the commit (a
 * crash between the two leaves an orphan file, never a row without its bytes).
 * Keys sort by their UTF-8 bytes, as S3 lists them. Times are epoch ms passed in as `now`.
 */

export interface BucketRecord {
  name: string;
  region: string;
  createdAt: number;
  /** The bucket's CORS rules as the service stores them (JSON), or undefined. */
  cors?: string;
  /** The notification configuration as the service stores it (JSON), or undefined. */
  notification?: string;
  tags: Record<string, string>;
}

/** Content headers S3 stores with an object and answers on GET/HEAD. */
export interface ObjectHeaders {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
}

export interface ObjectRecord {
  bucket: string;
  key: string;
  size: number;
  /** With its quotes, as S3 answers it: `"d41d8…"` or `"…-3"` for multipart objects. */
  etag: string;
  headers: ObjectHeaders;
  /** x-amz-meta-* without the prefix, names lower-cased. */
  metadata: Record<string, string>;
  tags: Record<string, string>;
  /** e.g. `{ algorithm: 'CRC32', value: 'base64==' }` when the upload carried one. */
  checksum?: { algorithm: string; value: string };
  /** Parts count of a multipart object (GetObject's x-amz-mp-parts-count). */
  partsCount?: number;
  lastModified: number;
  blobId: string;
}

export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  headers: ObjectHeaders;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  initiated: number;
}

export interface PartRecord {
  partNumber: number;
  size: number;
  etag: string;
  lastModified: number;
  blobId: string;
}

export interface ListObjectsQuery {
  prefix?: string;
  /** Only keys strictly greater than this (byte order). */
  after?: string;
  limit: number;
}

export interface BucketStore {
  /** Creates the bucket unless one of that name exists; returns the stored record either way. */
  createBucket(bucket: { name: string; region: string; tags?: Record<string, string> }, now: number): Promise<{ created: boolean; bucket: BucketRecord }>;
  getBucket(name: string): Promise<BucketRecord | undefined>;
  /** Sorted by name. */
  listBuckets(): Promise<BucketRecord[]>;
  /** `null` clears a field; omitted fields stay. Undefined when the bucket does not exist. */
  updateBucket(name: string, update: { cors?: string | null; notification?: string | null; tags?: Record<string, string> }): Promise<BucketRecord | undefined>;
  /**
   * Deletes an empty bucket (its unfinished uploads go with it, as S3 aborts them).
   * `notEmpty` when it holds objects; the freed blob ids are those of the aborted uploads' parts.
   */
  deleteBucket(name: string): Promise<{ outcome: 'deleted' | 'missing' | 'notEmpty'; freedBlobs: string[] }>;

  /** Stores or replaces the object; undefined when the bucket does not exist. */
  putObject(object: ObjectRecord): Promise<{ freedBlobs: string[] } | undefined>;
  getObject(bucket: string, key: string): Promise<ObjectRecord | undefined>;
  /** Replaces tags only; false when the object does not exist. */
  setObjectTags(bucket: string, key: string, tags: Record<string, string>): Promise<boolean>;
  deleteObject(bucket: string, key: string): Promise<{ deleted?: ObjectRecord; freedBlobs: string[] }>;
  /** Keys in byte order, at most `limit`. */
  listObjects(bucket: string, query: ListObjectsQuery): Promise<ObjectRecord[]>;

  createUpload(upload: UploadRecord): Promise<boolean>;
  getUpload(uploadId: string): Promise<UploadRecord | undefined>;
  /** In (key, initiated) order. */
  listUploads(bucket: string): Promise<UploadRecord[]>;
  /** Stores or replaces a part; undefined when the upload does not exist (any more). */
  putPart(uploadId: string, part: PartRecord): Promise<{ freedBlobs: string[] } | undefined>;
  /** By part number. */
  listParts(uploadId: string): Promise<PartRecord[]>;
  /**
   * One atomic completion: the object replaces any previous one, the upload and its parts are
   * gone. Undefined when the upload no longer exists (completed or aborted meanwhile).
   */
  completeUpload(uploadId: string, object: ObjectRecord): Promise<{ freedBlobs: string[] } | undefined>;
  /** Removes the upload and its parts; undefined when it did not exist. */
  abortUpload(uploadId: string): Promise<{ freedBlobs: string[] } | undefined>;
}
