/** Migration 0006 (PostgreSQL): S3 buckets, object metadata, multipart uploads and parts (BucketStore in engine/types/). */
export const sql = /* sql */ `
CREATE TABLE buckets (
  name         TEXT PRIMARY KEY,
  region       TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  cors         TEXT,
  notification TEXT,
  tags         TEXT NOT NULL
);

-- COLLATE "C": keys order by their bytes (UTF-8), the order ListObjects answers in, whatever
-- the database's default collation is.
CREATE TABLE bucket_objects (
  bucket        TEXT NOT NULL REFERENCES buckets (name) ON DELETE CASCADE,
  key           TEXT COLLATE "C" NOT NULL,
  size          BIGINT NOT NULL,
  etag          TEXT NOT NULL,
  headers       TEXT NOT NULL,
  metadata      TEXT NOT NULL,
  tags          TEXT NOT NULL,
  checksum      TEXT,
  parts_count   INTEGER,
  last_modified BIGINT NOT NULL,
  blob_id       TEXT NOT NULL,
  PRIMARY KEY (bucket, key)
);

CREATE TABLE bucket_uploads (
  upload_id TEXT PRIMARY KEY,
  bucket    TEXT NOT NULL REFERENCES buckets (name) ON DELETE CASCADE,
  key       TEXT COLLATE "C" NOT NULL,
  headers   TEXT NOT NULL,
  metadata  TEXT NOT NULL,
  tags      TEXT NOT NULL,
  initiated BIGINT NOT NULL
);

CREATE INDEX bucket_uploads_by_bucket ON bucket_uploads (bucket, key, initiated);

CREATE TABLE bucket_upload_parts (
  upload_id     TEXT NOT NULL REFERENCES bucket_uploads (upload_id) ON DELETE CASCADE,
  part_number   INTEGER NOT NULL,
  size          BIGINT NOT NULL,
  etag          TEXT NOT NULL,
  last_modified BIGINT NOT NULL,
  blob_id       TEXT NOT NULL,
  PRIMARY KEY (upload_id, part_number)
);
`;
