/** Bucket, object, upload and part rows ↔ records: the same columns on both backends. */
import type { BucketRecord, ObjectRecord, PartRecord, UploadRecord } from '../types/buckets';

export const BUCKET_COLUMNS = 'name, region, created_at, cors, notification, tags';
export const OBJECT_COLUMNS = 'bucket, key, size, etag, headers, metadata, tags, checksum, parts_count, last_modified, blob_id';
export const UPLOAD_COLUMNS = 'upload_id, bucket, key, headers, metadata, tags, initiated';
export const PART_COLUMNS = 'part_number, size, etag, last_modified, blob_id';

export interface BucketRow {
  name: string;
  region: string;
  created_at: number;
  cors: string | null;
  notification: string | null;
  tags: string;
}

export interface ObjectRow {
  bucket: string;
  key: string;
  size: number;
  etag: string;
  headers: string;
  metadata: string;
  tags: string;
  checksum: string | null;
  parts_count: number | null;
  last_modified: number;
  blob_id: string;
}

export interface UploadRow {
  upload_id: string;
  bucket: string;
  key: string;
  headers: string;
  metadata: string;
  tags: string;
  initiated: number;
}

export interface PartRow {
  part_number: number;
  size: number;
  etag: string;
  last_modified: number;
  blob_id: string;
}

export function toBucket(row: BucketRow): BucketRecord {
  return {
    name: row.name,
    region: row.region,
    createdAt: Number(row.created_at),
    ...(row.cors !== null && { cors: row.cors }),
    ...(row.notification !== null && { notification: row.notification }),
    tags: JSON.parse(row.tags),
  };
}

export function toObject(row: ObjectRow): ObjectRecord {
  return {
    bucket: row.bucket,
    key: row.key,
    size: Number(row.size),
    etag: row.etag,
    headers: JSON.parse(row.headers),
    metadata: JSON.parse(row.metadata),
    tags: JSON.parse(row.tags),
    ...(row.checksum !== null && { checksum: JSON.parse(row.checksum) }),
    ...(row.parts_count !== null && { partsCount: Number(row.parts_count) }),
    lastModified: Number(row.last_modified),
    blobId: row.blob_id,
  };
}

/** The object as positional values in OBJECT_COLUMNS order. */
export function objectValues(o: ObjectRecord): unknown[] {
  return [
    o.bucket,
    o.key,
    o.size,
    o.etag,
    JSON.stringify(o.headers),
    JSON.stringify(o.metadata),
    JSON.stringify(o.tags),
    o.checksum ? JSON.stringify(o.checksum) : null,
    o.partsCount ?? null,
    o.lastModified,
    o.blobId,
  ];
}

export function toUpload(row: UploadRow): UploadRecord {
  return {
    uploadId: row.upload_id,
    bucket: row.bucket,
    key: row.key,
    headers: JSON.parse(row.headers),
    metadata: JSON.parse(row.metadata),
    tags: JSON.parse(row.tags),
    initiated: Number(row.initiated),
  };
}

export function uploadValues(u: UploadRecord): unknown[] {
  return [u.uploadId, u.bucket, u.key, JSON.stringify(u.headers), JSON.stringify(u.metadata), JSON.stringify(u.tags), u.initiated];
}

export function toPart(row: PartRow): PartRecord {
  return { partNumber: Number(row.part_number), size: Number(row.size), etag: row.etag, lastModified: Number(row.last_modified), blobId: row.blob_id };
}
