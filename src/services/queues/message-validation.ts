/**
 * What SendMessage checks before anything is stored (SendMessage API reference; SQS Developer
 * Guide, "Amazon SQS message quotas" and "Amazon SQS message attributes").
 */
import { invalidMessageContents, invalidParameter, invalidParameterValue, missingParameter } from './errors';
import { MESSAGE_ATTRIBUTES_MAX, MESSAGE_ATTRIBUTE_NAME_MAX_LENGTH } from './limits';
import { toBytes } from './md5';
import type { MessageAttributeMap } from './types';

/** XML 1.0's Char production: #x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF. */
const INVALID_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;
const RESERVED_PREFIX = /^(aws\.|amazon\.)/i;
const TYPE_PREFIX = /^(String|Number|Binary)(\..+)?$/;
/** SQS Number attributes: up to 38 significant digits, exponent -128 to +126. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function assertValidBody(body: unknown): asserts body is string {
  if (typeof body !== 'string' || body.length === 0) throw missingParameter('MessageBody');
  if (INVALID_CHAR.test(body)) throw invalidMessageContents();
}

/** Validates user attributes; returns the bytes they count toward the message size. */
export function validateMessageAttributes(attributes: MessageAttributeMap | undefined): number {
  const names = Object.keys(attributes ?? {});
  if (names.length > MESSAGE_ATTRIBUTES_MAX) {
    throw invalidParameterValue(`Number of message attributes [${names.length}] exceeds the allowed maximum [${MESSAGE_ATTRIBUTES_MAX}].`);
  }
  let size = 0;
  for (const name of names) {
    assertAttributeName(name);
    const value = attributes![name];
    const type = value?.DataType;
    if (!type) throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
    const prefix = TYPE_PREFIX.exec(type)?.[1];
    if (!prefix) {
      throw invalidParameterValue(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    size += Buffer.byteLength(name) + Buffer.byteLength(type) + valueSize(name, prefix, value);
  }
  return size;
}

function assertAttributeName(name: string): void {
  const ok =
    name.length <= MESSAGE_ATTRIBUTE_NAME_MAX_LENGTH &&
    ATTRIBUTE_NAME.test(name) &&
    !RESERVED_PREFIX.test(name) &&
    !name.startsWith('.') &&
    !name.endsWith('.') &&
    !name.includes('..');
  if (!ok) throw invalidParameter('MessageAttributes.Name', name, 'Message (user) attribute name is invalid: up to 256 characters of alphanumerics, -, _ and ., not starting or ending with a period, no consecutive periods, no AWS. or Amazon. prefix.');
}

function valueSize(name: string, prefix: string, value: MessageAttributeMap[string]): number {
  const empty = () =>
    invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${prefix}'.`);
  if (prefix === 'Binary') {
    if (value.BinaryValue === undefined) throw empty();
    const bytes = toBytes(value.BinaryValue);
    if (bytes.length === 0) throw empty();
    return bytes.length;
  }
  if (value.StringValue === undefined || value.StringValue === '') throw empty();
  if (INVALID_CHAR.test(value.StringValue)) throw invalidMessageContents();
  if (prefix === 'Number' && !NUMBER.test(value.StringValue.trim())) {
    throw invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  }
  return Buffer.byteLength(value.StringValue);
}

/** Only AWSTraceHeader (a String) is accepted as a message system attribute. */
export function validateSystemAttributes(attributes: MessageAttributeMap | undefined): void {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (name !== 'AWSTraceHeader') throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    if (value?.DataType !== 'String' || !value.StringValue) {
      throw invalidParameterValue("The message system attribute 'AWSTraceHeader' must have DataType String and a non-empty StringValue.");
    }
  }
}
