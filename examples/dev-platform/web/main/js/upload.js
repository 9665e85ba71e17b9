// The browser's half of a pre-signed POST: the policy's fields first, the file last (S3 ignores
// fields after it), sent straight to the bucket — the function never sees the bytes.
export async function uploadThroughPolicy(offer, file) {
  const form = new FormData();
  for (const [name, value] of Object.entries(offer.fields)) form.append(name, value);
  form.append('file', file);
  const res = await fetch(offer.url, { method: 'POST', body: form });
  if (!res.ok) throw new Error(`the bucket refused the upload (${res.status})`);
}
