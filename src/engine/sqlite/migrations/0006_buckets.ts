/** Migration 0006: S3 buckets, object metadata, multipart uploads and parts (BucketStore in engine/types/). */
export const sql = /* sql */ `
-- cors / notification: the service's JSON for those bucket subresources, NULL when not set.
CREATE TABLE buckets (
  name         TEXT PRIMARY KEY,
  region       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  cors         TEXT,
  notification TEXT,
  tags         TEXT NOT NULL
) WITHOUT ROWID;

-- One row per object; the bytes are the file named blob_id. The (bucket, key) primary key in
-- BINARY collation orders keys by their UTF-8 bytes, the order ListObjects answers in.
-- headers / metadata / tags / checksum: JSON objects (checksum NULL when none was sent).
CREATE TABLE bucket_objects (
  bucket        TEXT NOT NULL REFERENCES buckets (name) ON DELETE CASCADE,
  key           TEXT NOT NULL,
  size          INTEGER NOT NULL,
  etag          TEXT NOT NULL,
  headers       TEXT NOT NULL,
  metadata      TEXT NOT NULL,
  tags          TEXT NOT NULL,
  checksum      TEXT,
  parts_count   INTEGER,
  last_modified INTEGER NOT NULL,
  blob_id       TEXT NOT NULL,
  PRIMARY KEY (bucket, key)
) WITHOUT ROWID;

CREATE TABLE bucket_uploads (
  upload_id TEXT PRIMARY KEY,
  bucket    TEXT NOT NULL REFERENCES buckets (name) ON DELETE CASCADE,
  key       TEXT NOT NULL,
  headers   TEXT NOT NULL,
  metadata  TEXT NOT NULL,
  tags      TEXT NOT NULL,
  initiated INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX bucket_uploads_by_bucket ON bucket_uploads (bucket, key, initiated);

CREATE TABLE bucket_upload_parts (
  upload_id     TEXT NOT NULL REFERENCES bucket_uploads (upload_id) ON DELETE CASCADE,
  part_number   INTEGER NOT NULL,
  size          INTEGER NOT NULL,
  etag          TEXT NOT NULL,
  last_modified INTEGER NOT NULL,
  blob_id       TEXT NOT NULL,
  PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;
`;
