// The platform page. It is served from the site bucket through the platform API, so the API's
// own routes are same-origin: ../config and ../uploads work under the custom domain (/static/…)
// and under the API's stage URL (/prd/static/…) alike. Only the upload goes cross-origin, straight
// to the bucket, which allows it by its CORS rules.
import { openJobSocket } from './socket.js';
import { uploadThroughPolicy } from './upload.js';

const $ = (id) => document.getElementById(id);
const api = (path) => new URL(`../${path}`, document.baseURI).toString();
const setStatus = (text) => ($('status').textContent = text);

const config = await (await fetch(api('config'))).json();
const socket = await openJobSocket(config.webSocketUrl, { onJobDone: showResult, onClose: () => ($('connection').textContent = 'closed') });
$('connection').textContent = socket.connectionId;
$('upload').disabled = false;

$('upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = $('file').files[0];
  if (!file) return;
  try {
    setStatus('asking for an upload form');
    const offer = await requestUpload(file);
    setStatus(`uploading ${file.name}`);
    await uploadThroughPolicy(offer, file);
    setStatus(`analysing (job ${offer.jobId})`);
  } catch (error) {
    setStatus(`failed: ${error.message}`);
  }
});

async function requestUpload(file) {
  const res = await fetch(api('uploads'), {
    method: 'POST',
    headers: { authorization: `Bearer ${$('token').value}`, 'content-type': 'application/json' },
    body: JSON.stringify({ connectionId: socket.connectionId, fileName: file.name, contentType: file.type || 'application/octet-stream' }),
  });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`${res.status} ${body.message ?? body.Message ?? ''}`.trim());
  return body;
}

function showResult(message) {
  $('job-id').textContent = message.jobId;
  $('file-name').textContent = message.fileName;
  $('lines').textContent = message.result.lines;
  $('words').textContent = message.result.words;
  $('bytes').textContent = message.result.bytes;
  $('download').href = message.downloadUrl;
  $('result').hidden = false;
  setStatus(`done (job ${message.jobId})`);
}
