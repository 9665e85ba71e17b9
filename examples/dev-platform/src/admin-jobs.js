// GET /jobs on the admin API (mapped under /admin on the platform domain): every job, newest first.
const { json, listJobs } = require('devplatform-shared');

exports.handler = async () => {
  const jobs = await listJobs();
  return json(200, { count: jobs.length, jobs: jobs.map(({ jobId, fileName, status, createdAt, finishedAt, result }) => ({ jobId, fileName, status, createdAt, finishedAt, result })) });
};
