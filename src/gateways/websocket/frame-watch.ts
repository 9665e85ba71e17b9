/**
 * Watches the frame headers a client sends, ahead of the `ws` parser (which only knows message
 * sizes), to apply API Gateway's frame quota: a frame over 32 KB closes the connection with 1009.
 * It reads only headers and counts payload bytes; `ws` still does the parsing.
 */
import type { Socket } from 'node:net';
import { MAX_FRAME_BYTES } from '../../services/connections';

/** Calls `onTooBig` once, when a frame longer than the quota starts. */
export function watchFrameSizes(socket: Socket, onTooBig: (length: number) => void): void {
  let header = Buffer.alloc(0);
  let skip = 0;
  let tripped = false;
  const onData = (chunk: Buffer) => {
    let offset = 0;
    while (offset < chunk.length && !tripped) {
      if (skip > 0) {
        const step = Math.min(skip, chunk.length - offset);
        skip -= step;
        offset += step;
        continue;
      }
      // A header is at most 14 bytes; part of it may have come in the previous chunk.
      const carried = header.length;
      const combined = Buffer.concat([header, chunk.subarray(offset, offset + 14)]);
      const parsed = parseHeader(combined);
      if (!parsed) {
        header = combined;
        offset = chunk.length;
        continue;
      }
      offset += parsed.headerLength - carried;
      header = Buffer.alloc(0);
      if (parsed.payloadLength > MAX_FRAME_BYTES) {
        tripped = true;
        socket.off('data', onData);
        onTooBig(parsed.payloadLength);
        return;
      }
      skip = parsed.payloadLength;
    }
  };
  socket.prependListener('data', onData);
}

/** Header length and payload length, or undefined while the header is incomplete. */
function parseHeader(bytes: Buffer): { headerLength: number; payloadLength: number } | undefined {
  if (bytes.length < 2) return undefined;
  const masked = (bytes[1]! & 0x80) !== 0;
  const short = bytes[1]! & 0x7f;
  const extended = short === 126 ? 2 : short === 127 ? 8 : 0;
  const headerLength = 2 + extended + (masked ? 4 : 0);
  if (bytes.length < headerLength) return undefined;
  const payloadLength = short === 126 ? bytes.readUInt16BE(2) : short === 127 ? Number(bytes.readBigUInt64BE(2)) : short;
  return { headerLength, payloadLength };
}
