/**
 * API Gateway WebSocket API quotas that Stratus enforces, as AWS documents them ("Amazon API
 * Gateway quotas for configuring and running a WebSocket API"), and the close codes API Gateway
 * uses when one is exceeded ("WebSocket API status codes", API Gateway developer guide).
 */

/** Message payload size: 128 KB, for client messages and for PostToConnection. */
export const MAX_MESSAGE_BYTES = 128 * 1024;
/** WebSocket frame size: 32 KB; a longer message must come in several frames. */
export const MAX_FRAME_BYTES = 32 * 1024;
/** Idle connection timeout: 10 minutes without a message either way. */
export const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
/** Connection duration for WebSocket APIs: 2 hours. */
export const MAX_CONNECTION_MS = 2 * 60 * 60 * 1000;

export const CLOSE_CODES = Object.freeze({
  normal: 1000,
  /** Idle timeout, maximum duration, or Stratus stopping. */
  goingAway: 1001,
  noStatus: 1005,
  abnormal: 1006,
  /** The message or a frame is over the quota. */
  messageTooBig: 1009,
  internalError: 1011,
});
