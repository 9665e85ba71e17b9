/**
 * Object bytes on disk, one immutable file per blob, named by a generated id — never by the
 * object's key, so no key can reach outside this folder. A blob is written under `tmp/` and
 * renamed into place only when `commit()` is called (after the caller checked its digests): a
 * crash mid-upload leaves a temp file, swept on a later open, never a half object. Several nodes
 * may share the folder (PostgreSQL engine): ids never collide and nothing is rewritten in place.
 * Layout: `<dir>/<first two id chars>/<id>`, `<dir>/tmp/<id>`.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { link, copyFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

const BLOB_ID = /^[0-9a-f]{32}$/;
/** A temp file untouched this long belongs to an upload that will never finish. */
const STALE_TEMP_MS = 24 * 3600_000;

export interface StagedBlob {
  blobId: string;
  size: number;
  /** Moves the file into place; the blob is readable from then on. */
  commit(): Promise<void>;
  /** Removes the temp file (nothing was stored). */
  discard(): Promise<void>;
}

export interface ByteRange {
  /** Inclusive first and last byte, as in Content-Range. */
  start: number;
  end: number;
}

export class ObjectFiles {
  private readonly tmp: string;
  /** Fan-out folders known to exist (256 at most), so a commit is one rename, not a mkdir too. */
  private readonly folders = new Set<string>();

  constructor(private readonly dir: string) {
    this.tmp = join(dir, 'tmp');
    mkdirSync(this.tmp, { recursive: true });
    // Leftovers of uploads a crash interrupted: nothing points at them. Only old ones go, since
    // another node sharing this folder may be writing the recent ones right now.
    const cutoff = Date.now() - STALE_TEMP_MS;
    for (const name of readdirSync(this.tmp)) {
      const path = join(this.tmp, name);
      if ((statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? cutoff) < cutoff) rmSync(path, { force: true });
    }
  }

  /** Streams `source` into a temp file (backpressure end to end: memory stays flat). */
  async stage(source: Readable | AsyncIterable<Buffer> | Iterable<Buffer>): Promise<StagedBlob> {
    const blobId = randomUUID().replace(/-/g, '');
    const temp = join(this.tmp, blobId);
    let size = 0;
    const out = createWriteStream(temp);
    try {
      const counted = async function* () {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          size += chunk.length;
          yield chunk;
        }
      };
      await pipeline(counted, out);
    } catch (err) {
      // A stream destroyed while still opening creates its file afterwards: wait for its close.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await unlink(temp).catch(() => {});
      throw err;
    }
    return this.staged(blobId, temp, size);
  }

  /** A new blob with the bytes of `blobIds` one after the other (multipart completion). */
  async concat(blobIds: string[]): Promise<StagedBlob> {
    const files = this;
    return this.stage(
      (async function* () {
        for (const id of blobIds) yield* files.read(id) as AsyncIterable<Buffer>;
      })(),
    );
  }

  /** A new blob with the same bytes (CopyObject): a hard link when the filesystem allows one. */
  async duplicate(blobId: string, size: number): Promise<StagedBlob> {
    const copyId = randomUUID().replace(/-/g, '');
    const temp = join(this.tmp, copyId);
    await link(this.path(blobId), temp).catch(() => copyFile(this.path(blobId), temp));
    return this.staged(copyId, temp, size);
  }

  read(blobId: string, range?: ByteRange): Readable {
    return createReadStream(this.path(blobId), range ? { start: range.start, end: range.end } : {});
  }

  /** Deletes blobs no row points at any more; missing files are fine (already gone). */
  async remove(blobIds: string[]): Promise<void> {
    await Promise.all(blobIds.map((id) => unlink(this.path(id)).catch(() => {})));
  }

  private staged(blobId: string, temp: string, size: number): StagedBlob {
    return {
      blobId,
      size,
      commit: async () => {
        const folder = blobId.slice(0, 2);
        if (!this.folders.has(folder)) {
          mkdirSync(join(this.dir, folder), { recursive: true });
          this.folders.add(folder);
        }
        await rename(temp, this.path(blobId));
      },
      discard: () => unlink(temp).catch(() => {}),
    };
  }

  private path(blobId: string): string {
    if (!BLOB_ID.test(blobId)) throw new Error(`not a blob id: ${blobId}`);
    return join(this.dir, blobId.slice(0, 2), blobId);
  }
}
