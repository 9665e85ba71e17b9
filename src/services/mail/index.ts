export { createMailService, MAX_24_HOUR_SEND, MAX_SEND_RATE, type MailService, type MailServiceOptions } from './service';
export { SesError } from './errors';
export { MAX_RECIPIENTS, addressOf } from './addresses';
export { newSesMessageId } from './message-id';
export type * from './types';
export { SNS_MAIL_SENDER } from './types';
