/**
 * BucketStore on PostgreSQL. Replacements lock the row they replace (FOR UPDATE) inside one
 * transaction, so the blob id they free is the one no other node's row points at.
 */
import type { BucketStore } from '../../types';
import { inTransaction, type PgClient, type PgPool } from '../connection';
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

const params = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');

const UPSERT_OBJECT = `
INSERT INTO bucket_objects (${OBJECT_COLUMNS}) VALUES (${params(1, 11)})
ON CONFLICT (bucket, key) DO UPDATE SET
  size = excluded.size, etag = excluded.etag, headers = excluded.headers, metadata = excluded.metadata,
  tags = excluded.tags, checksum = excluded.checksum, parts_count = excluded.parts_count,
  last_modified = excluded.last_modified, blob_id = excluded.blob_id`;

// starts_with is the exact prefix test; key >= prefix lets the primary key index find the start.
const LIST_OBJECTS = `
SELECT ${OBJECT_COLUMNS} FROM bucket_objects
WHERE bucket = $1 AND key > $2 AND key >= $3 AND starts_with(key, $3)
ORDER BY key LIMIT $4`;

const UPDATE_BUCKET = `
UPDATE buckets SET
  cors = CASE WHEN $2 THEN $3 ELSE cors END,
  notification = CASE WHEN $4 THEN $5 ELSE notification END,
  tags = coalesce($6, tags)
WHERE name = $1 RETURNING ${BUCKET_COLUMNS}`;

export function createPostgresBucketStore(pool: PgPool): BucketStore {
  const one = async <T>(sql: string, values: unknown[], on: { query: PgPool['query'] } = pool) => (await on.query(sql, values)).rows[0] as T | undefined;

  /** Locks the upload row; undefined when it is gone. Then drops it with its parts. */
  const dropUpload = async (client: PgClient, uploadId: string) => {
    if (!(await one(`SELECT 1 FROM bucket_uploads WHERE upload_id = $1 FOR UPDATE`, [uploadId], client))) return undefined;
    const parts = (await client.query<{ blob_id: string }>(`SELECT blob_id FROM bucket_upload_parts WHERE upload_id = $1`, [uploadId])).rows.map((r) => r.blob_id);
    await client.query(`DELETE FROM bucket_uploads WHERE upload_id = $1`, [uploadId]);
    return parts;
  };

  /** Inside a transaction: the replaced object's blob (locked), then the upsert. */
  const replaceObject = async (client: PgClient, values: unknown[], bucket: string, key: string) => {
    const previous = await one<{ blob_id: string }>(`SELECT blob_id FROM bucket_objects WHERE bucket = $1 AND key = $2 FOR UPDATE`, [bucket, key], client);
    await client.query(UPSERT_OBJECT, values);
    return previous ? [previous.blob_id] : [];
  };

  return {
    async createBucket(bucket, now) {
      const { rowCount } = await pool.query(`INSERT INTO buckets (${BUCKET_COLUMNS}) VALUES ($1, $2, $3, NULL, NULL, $4) ON CONFLICT (name) DO NOTHING`, [
        bucket.name,
        bucket.region,
        now,
        JSON.stringify(bucket.tags ?? {}),
      ]);
      return { created: rowCount === 1, bucket: toBucket((await one<BucketRow>(`SELECT ${BUCKET_COLUMNS} FROM buckets WHERE name = $1`, [bucket.name]))!) };
    },
    async getBucket(name) {
      const row = await one<BucketRow>(`SELECT ${BUCKET_COLUMNS} FROM buckets WHERE name = $1`, [name]);
      return row && toBucket(row);
    },
    listBuckets: async () => (await pool.query<BucketRow>(`SELECT ${BUCKET_COLUMNS} FROM buckets ORDER BY name COLLATE "C"`)).rows.map(toBucket),
    async updateBucket(name, update) {
      const row = await one<BucketRow>(UPDATE_BUCKET, [
        name,
        update.cors !== undefined,
        update.cors ?? null,
        update.notification !== undefined,
        update.notification ?? null,
        update.tags ? JSON.stringify(update.tags) : null,
      ]);
      return row && toBucket(row);
    },
    deleteBucket: (name) =>
      inTransaction(pool, async (client) => {
        if (!(await one(`SELECT 1 FROM buckets WHERE name = $1 FOR UPDATE`, [name], client))) return { outcome: 'missing' as const, freedBlobs: [] };
        if (await one(`SELECT 1 FROM bucket_objects WHERE bucket = $1 LIMIT 1`, [name], client)) return { outcome: 'notEmpty' as const, freedBlobs: [] };
        const freed = await client.query<{ blob_id: string }>(
          `SELECT p.blob_id FROM bucket_upload_parts p JOIN bucket_uploads u USING (upload_id) WHERE u.bucket = $1`,
          [name],
        );
        await client.query(`DELETE FROM buckets WHERE name = $1`, [name]);
        return { outcome: 'deleted' as const, freedBlobs: freed.rows.map((r) => r.blob_id) };
      }),

    putObject: (object) =>
      inTransaction(pool, async (client) => {
        // FOR SHARE: a concurrent DeleteBucket waits for this put (and then finds it not empty).
        if (!(await one(`SELECT 1 FROM buckets WHERE name = $1 FOR SHARE`, [object.bucket], client))) return undefined;
        return { freedBlobs: await replaceObject(client, objectValues(object), object.bucket, object.key) };
      }),
    async getObject(bucket, key) {
      const row = await one<ObjectRow>(`SELECT ${OBJECT_COLUMNS} FROM bucket_objects WHERE bucket = $1 AND key = $2`, [bucket, key]);
      return row && toObject(row);
    },
    setObjectTags: async (bucket, key, tags) =>
      (await pool.query(`UPDATE bucket_objects SET tags = $3 WHERE bucket = $1 AND key = $2`, [bucket, key, JSON.stringify(tags)])).rowCount === 1,
    async deleteObject(bucket, key) {
      const row = await one<ObjectRow>(`DELETE FROM bucket_objects WHERE bucket = $1 AND key = $2 RETURNING ${OBJECT_COLUMNS}`, [bucket, key]);
      const deleted = row && toObject(row);
      return { ...(deleted && { deleted }), freedBlobs: deleted ? [deleted.blobId] : [] };
    },
    listObjects: async (bucket, query) =>
      (await pool.query<ObjectRow>(LIST_OBJECTS, [bucket, query.after ?? '', query.prefix ?? '', query.limit])).rows.map(toObject),

    createUpload: async (upload) =>
      (await pool.query(`INSERT INTO bucket_uploads (${UPLOAD_COLUMNS}) SELECT ${params(1, 7)} WHERE EXISTS (SELECT 1 FROM buckets WHERE name = $2)`, uploadValues(upload)))
        .rowCount === 1,
    async getUpload(uploadId) {
      const row = await one<UploadRow>(`SELECT ${UPLOAD_COLUMNS} FROM bucket_uploads WHERE upload_id = $1`, [uploadId]);
      return row && toUpload(row);
    },
    listUploads: async (bucket) =>
      (await pool.query<UploadRow>(`SELECT ${UPLOAD_COLUMNS} FROM bucket_uploads WHERE bucket = $1 ORDER BY key, initiated, upload_id`, [bucket])).rows.map(toUpload),
    putPart: (uploadId, part) =>
      inTransaction(pool, async (client) => {
        if (!(await one(`SELECT 1 FROM bucket_uploads WHERE upload_id = $1 FOR SHARE`, [uploadId], client))) return undefined;
        const previous = await one<{ blob_id: string }>(
          `SELECT blob_id FROM bucket_upload_parts WHERE upload_id = $1 AND part_number = $2 FOR UPDATE`,
          [uploadId, part.partNumber],
          client,
        );
        await client.query(
          `INSERT INTO bucket_upload_parts (upload_id, ${PART_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (upload_id, part_number) DO UPDATE SET
             size = excluded.size, etag = excluded.etag, last_modified = excluded.last_modified, blob_id = excluded.blob_id`,
          [uploadId, part.partNumber, part.size, part.etag, part.lastModified, part.blobId],
        );
        return { freedBlobs: previous ? [previous.blob_id] : [] };
      }),
    listParts: async (uploadId) =>
      (await pool.query<PartRow>(`SELECT ${PART_COLUMNS} FROM bucket_upload_parts WHERE upload_id = $1 ORDER BY part_number`, [uploadId])).rows.map(toPart),
    completeUpload: (uploadId, object) =>
      inTransaction(pool, async (client) => {
        const parts = await dropUpload(client, uploadId);
        if (!parts) return undefined;
        return { freedBlobs: [...parts, ...(await replaceObject(client, objectValues(object), object.bucket, object.key))] };
      }),
    abortUpload: (uploadId) =>
      inTransaction(pool, async (client) => {
        const parts = await dropUpload(client, uploadId);
        return parts && { freedBlobs: parts };
      }),
  };
}
