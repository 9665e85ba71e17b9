// POST /uploads {connectionId, fileName, contentType}: records a job and answers a pre-signed
// POST for uploads/<jobId>/<fileName>, so the browser sends the file straight to the bucket
// (seed 004: no multipart through the function). The policy pins the key, the Content-Type and
// the size.
const { randomUUID } = require('node:crypto');
const { S3Client } = require('@aws-sdk/client-s3');
const { createPresignedPost } = require('@aws-sdk/s3-presigned-post');
const { createJob, json, parseBody } = require('devplatform-shared');

const s3 = new S3Client({});
const SAFE_NAME = /^[\w][\w.-]{0,127}$/;

exports.handler = async (event) => {
  const body = parseBody(event);
  if (!body || typeof body.connectionId !== 'string' || !body.connectionId) return json(400, { message: 'connectionId is required' });
  if (typeof body.fileName !== 'string' || !SAFE_NAME.test(body.fileName)) return json(400, { message: 'fileName must be letters, digits, ".", "-" or "_"' });
  const contentType = typeof body.contentType === 'string' && body.contentType ? body.contentType : 'application/octet-stream';
  const jobId = randomUUID();
  const key = `uploads/${jobId}/${body.fileName}`;
  await createJob({ jobId, connectionId: body.connectionId, fileName: body.fileName, key, requestedBy: event.requestContext.authorizer?.principalId });
  const post = await createPresignedPost(s3, {
    Bucket: process.env.UPLOAD_BUCKET,
    Key: key,
    Conditions: [['content-length-range', 1, Number(process.env.MAX_UPLOAD_BYTES)], { 'Content-Type': contentType }],
    Fields: { 'Content-Type': contentType },
    Expires: 300,
  });
  console.log(`job ${jobId}: upload of ${body.fileName} offered to connection ${body.connectionId}`);
  return json(201, { jobId, key, url: post.url, fields: post.fields });
};
