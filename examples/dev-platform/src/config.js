// GET /config (no authorizer): what the page needs before anything else — the WebSocket URL.
const { json } = require('devplatform-shared');

exports.handler = async () => json(200, { webSocketUrl: process.env.WEBSOCKET_URL, maxUploadBytes: Number(process.env.MAX_UPLOAD_BYTES) });
