/**
 * BucketStore on SQLite. Replacements and deletions run in one IMMEDIATE transaction that also
 * reads the blob ids they free, so two processes replacing one key never both keep a file.
 */
import type { BucketStore } from '../../types';
import type { SqliteDatabase } from '../connection';
import {
  BUCKET_COLUMNS,
  OBJECT_COLUMNS,
  PART_COLUMNS,
  UPLOAD_COLUMNS,
  objectValues,
  toBucket,
  toObject,
  toPart,
  toUpload,
  uploadValues,
  type BucketRow,
  type ObjectRow,
  type PartRow,
  type UploadRow,
} from '../../shared/bucket-rows';

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

// The key range test (key >= prefix) lets the primary key index find the start; the substr test
// is the exact prefix match (LIKE would fold ASCII case).
const LIST_OBJECTS = `
SELECT ${OBJECT_COLUMNS} FROM bucket_objects
WHERE bucket = @bucket AND key > @after AND key >= @prefix AND substr(key, 1, length(@prefix)) = @prefix
ORDER BY key LIMIT @limit`;

export function createSqliteBucketStore(db: SqliteDatabase): BucketStore {
  const insertBucket = db.prepare(`INSERT INTO buckets (${BUCKET_COLUMNS}) VALUES (?, ?, ?, NULL, NULL, ?) ON CONFLICT (name) DO NOTHING`);
  const selectBucket = db.prepare(`SELECT ${BUCKET_COLUMNS} FROM buckets WHERE name = ?`);
  const selectBuckets = db.prepare(`SELECT ${BUCKET_COLUMNS} FROM buckets ORDER BY name`);
  const updateBucket = db.prepare(`
    UPDATE buckets SET
      cors = CASE WHEN @setCors THEN @cors ELSE cors END,
      notification = CASE WHEN @setNotification THEN @notification ELSE notification END,
      tags = coalesce(@tags, tags)
    WHERE name = @name`);
  const anyObject = db.prepare(`SELECT 1 FROM bucket_objects WHERE bucket = ? LIMIT 1`);
  const partBlobsOfBucket = db.prepare(`SELECT p.blob_id FROM bucket_upload_parts p JOIN bucket_uploads u USING (upload_id) WHERE u.bucket = ?`);
  const deleteBucket = db.prepare(`DELETE FROM buckets WHERE name = ?`);

  const selectObject = db.prepare(`SELECT ${OBJECT_COLUMNS} FROM bucket_objects WHERE bucket = ? AND key = ?`);
  const upsertObject = db.prepare(`
    INSERT INTO bucket_objects (${OBJECT_COLUMNS}) VALUES (${placeholders(11)})
    ON CONFLICT (bucket, key) DO UPDATE SET
      size = excluded.size, etag = excluded.etag, headers = excluded.headers, metadata = excluded.metadata,
      tags = excluded.tags, checksum = excluded.checksum, parts_count = excluded.parts_count,
      last_modified = excluded.last_modified, blob_id = excluded.blob_id`);
  const bucketExists = db.prepare(`SELECT 1 FROM buckets WHERE name = ?`);
  const setTags = db.prepare(`UPDATE bucket_objects SET tags = ? WHERE bucket = ? AND key = ?`);
  const deleteObject = db.prepare(`DELETE FROM bucket_objects WHERE bucket = ? AND key = ? RETURNING ${OBJECT_COLUMNS}`);
  const listObjects = db.prepare(LIST_OBJECTS);

  const insertUpload = db.prepare(`INSERT INTO bucket_uploads (${UPLOAD_COLUMNS}) SELECT ${placeholders(7)} WHERE EXISTS (SELECT 1 FROM buckets WHERE name = ?)`);
  const selectUpload = db.prepare(`SELECT ${UPLOAD_COLUMNS} FROM bucket_uploads WHERE upload_id = ?`);
  const selectUploads = db.prepare(`SELECT ${UPLOAD_COLUMNS} FROM bucket_uploads WHERE bucket = ? ORDER BY key, initiated, upload_id`);
  const selectPart = db.prepare(`SELECT blob_id FROM bucket_upload_parts WHERE upload_id = ? AND part_number = ?`);
  const upsertPart = db.prepare(`
    INSERT INTO bucket_upload_parts (upload_id, ${PART_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (upload_id, part_number) DO UPDATE SET
      size = excluded.size, etag = excluded.etag, last_modified = excluded.last_modified, blob_id = excluded.blob_id`);
  const selectParts = db.prepare(`SELECT ${PART_COLUMNS} FROM bucket_upload_parts WHERE upload_id = ? ORDER BY part_number`);
  const deleteUpload = db.prepare(`DELETE FROM bucket_uploads WHERE upload_id = ?`);

  const getObject = (bucket: string, key: string) => {
    const row = selectObject.get(bucket, key) as ObjectRow | undefined;
    return row && toObject(row);
  };

  const removeBucket = db.transaction((name: string) => {
    if (!bucketExists.get(name)) return { outcome: 'missing' as const, freedBlobs: [] };
    if (anyObject.get(name)) return { outcome: 'notEmpty' as const, freedBlobs: [] };
    const freedBlobs = (partBlobsOfBucket.all(name) as { blob_id: string }[]).map((r) => r.blob_id);
    deleteBucket.run(name);
    return { outcome: 'deleted' as const, freedBlobs };
  });

  const replaceObject = db.transaction((values: unknown[], bucket: string, key: string) => {
    if (!bucketExists.get(bucket)) return undefined;
    const previous = getObject(bucket, key);
    upsertObject.run(...values);
    return { freedBlobs: previous ? [previous.blobId] : [] };
  });

  const removeObject = db.transaction((bucket: string, key: string) => {
    const row = deleteObject.get(bucket, key) as ObjectRow | undefined;
    const deleted = row && toObject(row);
    return { ...(deleted && { deleted }), freedBlobs: deleted ? [deleted.blobId] : [] };
  });

  const replacePart = db.transaction((uploadId: string, values: unknown[], partNumber: number) => {
    if (!selectUpload.get(uploadId)) return undefined;
    const previous = selectPart.get(uploadId, partNumber) as { blob_id: string } | undefined;
    upsertPart.run(uploadId, ...values);
    return { freedBlobs: previous ? [previous.blob_id] : [] };
  });

  const dropUpload = (uploadId: string) => {
    if (!selectUpload.get(uploadId)) return undefined;
    const parts = (selectParts.all(uploadId) as PartRow[]).map((p) => p.blob_id);
    deleteUpload.run(uploadId);
    return parts;
  };

  const complete = db.transaction((uploadId: string, values: unknown[], bucket: string, key: string) => {
    const parts = dropUpload(uploadId);
    if (!parts) return undefined;
    const previous = getObject(bucket, key);
    upsertObject.run(...values);
    return { freedBlobs: [...parts, ...(previous ? [previous.blobId] : [])] };
  });

  const abort = db.transaction((uploadId: string) => {
    const parts = dropUpload(uploadId);
    return parts && { freedBlobs: parts };
  });

  return {
    async createBucket(bucket, now) {
      const { changes } = insertBucket.run(bucket.name, bucket.region, now, JSON.stringify(bucket.tags ?? {}));
      return { created: changes === 1, bucket: toBucket(selectBucket.get(bucket.name) as BucketRow) };
    },
    async getBucket(name) {
      const row = selectBucket.get(name) as BucketRow | undefined;
      return row && toBucket(row);
    },
    listBuckets: async () => (selectBuckets.all() as BucketRow[]).map(toBucket),
    async updateBucket(name, update) {
      updateBucket.run({
        name,
        setCors: update.cors === undefined ? 0 : 1,
        cors: update.cors ?? null,
        setNotification: update.notification === undefined ? 0 : 1,
        notification: update.notification ?? null,
        tags: update.tags ? JSON.stringify(update.tags) : null,
      });
      const row = selectBucket.get(name) as BucketRow | undefined;
      return row && toBucket(row);
    },
    deleteBucket: async (name) => removeBucket.immediate(name),

    putObject: async (object) => replaceObject.immediate(objectValues(object), object.bucket, object.key),
    getObject: async (bucket, key) => getObject(bucket, key),
    setObjectTags: async (bucket, key, tags) => setTags.run(JSON.stringify(tags), bucket, key).changes === 1,
    deleteObject: async (bucket, key) => removeObject.immediate(bucket, key),
    async listObjects(bucket, query) {
      const rows = listObjects.all({ bucket, after: query.after ?? '', prefix: query.prefix ?? '', limit: query.limit }) as ObjectRow[];
      return rows.map(toObject);
    },

    createUpload: async (upload) => insertUpload.run(...uploadValues(upload), upload.bucket).changes === 1,
    async getUpload(uploadId) {
      const row = selectUpload.get(uploadId) as UploadRow | undefined;
      return row && toUpload(row);
    },
    listUploads: async (bucket) => (selectUploads.all(bucket) as UploadRow[]).map(toUpload),
    putPart: async (uploadId, part) =>
      replacePart.immediate(uploadId, [part.partNumber, part.size, part.etag, part.lastModified, part.blobId], part.partNumber),
    listParts: async (uploadId) => (selectParts.all(uploadId) as PartRow[]).map(toPart),
    completeUpload: async (uploadId, object) => complete.immediate(uploadId, objectValues(object), object.bucket, object.key),
    abortUpload: async (uploadId) => abort.immediate(uploadId),
  };
}
