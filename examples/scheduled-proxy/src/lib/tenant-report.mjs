/**
 * The answer every scheduled endpoint gives (seed 001):
 * {"contents":{"failTenants":[],"failCount":0,"failDetails":[{"tenant","stackTrace"}],"successTenants":[]}}
 * Anything else is a malformed report: the run is then reported as failed, with what came back.
 */
export class MalformedReportError extends Error {}

export function parseTenantReport(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedReportError('the response body is not JSON');
  }
  const contents = parsed?.contents;
  if (contents === null || typeof contents !== 'object' || Array.isArray(contents)) throw new MalformedReportError('the response has no "contents" object');
  const successTenants = stringList(contents, 'successTenants');
  const failTenants = stringList(contents, 'failTenants');
  const failDetails = detailList(contents);
  const failCount = contents.failCount ?? failTenants.length;
  if (!Number.isInteger(failCount) || failCount < 0) throw new MalformedReportError('"contents.failCount" must be a non-negative integer');
  return { successTenants, failTenants, failCount, failDetails };
}

function stringList(contents, field) {
  const value = contents[field] ?? [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new MalformedReportError(`"contents.${field}" must be a list of tenant names`);
  return value;
}

function detailList(contents) {
  const value = contents.failDetails ?? [];
  if (!Array.isArray(value)) throw new MalformedReportError('"contents.failDetails" must be a list');
  return value.map((detail, i) => {
    if (typeof detail?.tenant !== 'string') throw new MalformedReportError(`"contents.failDetails[${i}].tenant" must be a string`);
    return { tenant: detail.tenant, stackTrace: typeof detail.stackTrace === 'string' ? detail.stackTrace : '' };
  });
}
