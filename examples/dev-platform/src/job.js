// The long job: the upload bucket's ObjectCreated event starts it. It counts the file's lines,
// words and bytes (after JOB_WORK_MS, standing in for work longer than API Gateway's 30 s),
// stores the result in the jobs table and reports to the page's WebSocket connection through the
// @connections management API, with a pre-signed GET link to the file.
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');
const { ApiGatewayManagementApiClient, PostToConnectionCommand, GoneException } = require('@aws-sdk/client-apigatewaymanagementapi');
const { finishJob, getJob } = require('devplatform-shared');

const s3 = new S3Client({});
// wss://id.execute-api.region.amazonaws.com + /stage → https://…/stage (ws:// → http:// on Stratus).
const managementEndpoint = `${process.env.WEBSOCKET_API_ENDPOINT.replace(/^ws/, 'http')}/${process.env.WEBSOCKET_STAGE}`;
const connections = new ApiGatewayManagementApiClient({ endpoint: managementEndpoint });

exports.handler = async (event) => {
  for (const record of event.Records) await runJob(record.s3.bucket.name, decodeKey(record.s3.object.key));
};

/** S3 event keys are URL-encoded, spaces as '+'. */
const decodeKey = (key) => decodeURIComponent(key.replace(/\+/g, ' '));

async function runJob(bucket, key) {
  const [, jobId] = key.split('/');
  const job = await getJob(jobId);
  if (!job || job.key !== key) {
    console.log(`no job for ${key}; ignored`);
    return;
  }
  console.log(`job ${jobId}: analysing s3://${bucket}/${key}`);
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = Buffer.from(await object.Body.transformToByteArray());
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.JOB_WORK_MS)));
  const result = count(bytes);
  await finishJob(jobId, result);
  console.log(`job ${jobId}: done ${JSON.stringify(result)}`);
  const downloadUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 3600 });
  await report(job.connectionId, { type: 'jobDone', jobId, fileName: job.fileName, result, downloadUrl });
}

function count(bytes) {
  const text = bytes.toString('utf8');
  const lines = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const words = text.split(/\s+/).filter(Boolean).length;
  return { lines, words, bytes: bytes.length };
}

async function report(connectionId, message) {
  try {
    await connections.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(message) }));
    console.log(`job ${message.jobId}: reported to ${connectionId}`);
  } catch (error) {
    // The page went away: the result stays in the table for the admin API.
    if (error instanceof GoneException) console.log(`job ${message.jobId}: connection ${connectionId} is gone`);
    else throw error;
  }
}
