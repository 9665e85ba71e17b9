/**
 * MessageStructure `json`: the Message is a JSON object with one message per protocol and a
 * required `default` for the others (Publish API Reference, MessageStructure).
 */
import { invalidParameter } from '../errors';

export type MessageForProtocol = (protocol: string) => string;

export function messageChooser(message: string, structure: string | undefined): MessageForProtocol {
  if (structure === undefined || structure === '') return () => message;
  if (structure !== 'json') throw invalidParameter('MessageStructure');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const messages = parsed as Record<string, unknown>;
  if (typeof messages.default !== 'string') throw invalidParameter('Message Structure - No default entry in JSON message body');
  return (protocol) => {
    const own = messages[protocol];
    return typeof own === 'string' ? own : (messages.default as string);
  };
}
