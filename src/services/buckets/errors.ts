/**
 * S3's errors as data (Amazon S3 API Reference, "Error responses" → "List of error codes"): a
 * code, the HTTP status S3 answers with it, its message, and the extra elements S3 puts in the
 * <Error> body (BucketName, Key, RangeRequested, …). The wire layer renders them as XML.
 */
export class S3Error extends Error {
  readonly senderFault: boolean;

  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra <Error> members, in order. */
    readonly details: Record<string, string> = {},
    /** Response headers S3 sends with this error (e.g. a 304's ETag). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
    this.senderFault = status < 500;
  }
}

export const noSuchBucket = (bucket: string) => new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
export const noSuchKey = (key: string) => new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
export const noSuchUpload = (uploadId: string) =>
  new S3Error('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, { UploadId: uploadId });
export const bucketAlreadyOwnedByYou = (bucket: string) =>
  new S3Error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: bucket });
export const bucketNotEmpty = (bucket: string) => new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket });
export const invalidBucketName = (bucket: string) => new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });
export const keyTooLong = (size: number) =>
  new S3Error('KeyTooLongError', 'Your key is too long', 400, { Size: String(size), MaxSizeAllowed: '1024' });
export const malformedXml = () =>
  new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
export const invalidArgument = (message: string, name?: string, value?: string) =>
  new S3Error('InvalidArgument', message, 400, name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' });
export const invalidRange = (size: number, requested: string) =>
  new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: requested, ActualObjectSize: String(size) }, { 'content-range': `bytes */${size}` });
export const preconditionFailed = (condition: string) =>
  new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });
export const notModified = (etag: string, lastModified: number) =>
  new S3Error('NotModified', 'Not Modified', 304, {}, { etag, 'last-modified': new Date(lastModified).toUTCString() });
export const badDigest = (message = 'The Content-MD5 you specified did not match what we received.') => new S3Error('BadDigest', message);
export const invalidDigest = () => new S3Error('InvalidDigest', 'The Content-MD5 you specified is not valid.');
export const invalidPart = () =>
  new S3Error('InvalidPart', "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.");
export const invalidPartOrder = () => new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
export const entityTooSmall = () => new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
export const entityTooLarge = (max: number) => new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, { MaxSizeAllowed: String(max) });
export const noSuchCors = (bucket: string) => new S3Error('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404, { BucketName: bucket });
export const noSuchTagSet = (bucket: string) => new S3Error('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: bucket });
export const invalidTag = (message: string) => new S3Error('InvalidTag', message);
export const accessDenied = (message = 'Access Denied', details: Record<string, string> = {}) => new S3Error('AccessDenied', message, 403, details);
export const notImplemented = (what: string) => new S3Error('NotImplemented', `A header or query you provided implies functionality that is not implemented: ${what}`, 501);
export const invalidRequest = (message: string) => new S3Error('InvalidRequest', message);
