// GET /jobs/{jobId} on the platform API: a job's state, for a page that lost its WebSocket
// connection before the job reported.
const { getJob, json } = require('devplatform-shared');

exports.handler = async (event) => {
  const job = await getJob(event.pathParameters.jobId);
  if (!job) return json(404, { message: 'no such job' });
  const { jobId, fileName, status, createdAt, finishedAt, result } = job;
  return json(200, { jobId, fileName, status, createdAt, finishedAt, result });
};
