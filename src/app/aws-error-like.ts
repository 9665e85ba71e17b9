/** An error the AWS wire layer renders as a 400 with this code (it reads `code` and `status`). */
export class AwsErrorLike extends Error {
  readonly status = 400;
  readonly senderFault = true;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
