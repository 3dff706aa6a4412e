/**
 * A Webex-shaped failure. Thrown from handlers; the server turns it into the
 * Webex error envelope `{message, errors:[{description}], trackingId}`.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly descriptions: string[] = [message],
    readonly headers: Record<string, string> = {},
    /** Replaces the envelope entirely (meetingInfo and OAuth answer in their own shapes). */
    readonly rawBody?: unknown,
  ) {
    super(message);
  }
}

export const MESSAGES = {
  unauthorized:
    'The request requires a valid access token set in the Authorization request header.',
  forbidden:
    'The server understood the request, but refused to fulfill it because the access token is missing required scopes or the user is missing required roles or licenses.',
  notFound: 'The requested resource could not be found.',
  invalidInput: 'The input parameters contain invalid items.',
  tooMany: 'Too Many Requests',
  serverError: 'An unexpected error occurred.',
} as const;

export const badRequest = (...descriptions: string[]) =>
  new HttpError(
    400,
    MESSAGES.invalidInput,
    descriptions.length ? descriptions : [MESSAGES.invalidInput],
  );
export const notFound = (description: string = MESSAGES.notFound) =>
  new HttpError(404, MESSAGES.notFound, [description]);
export const unauthorized = () => new HttpError(401, MESSAGES.unauthorized);
export const forbidden = (description: string = MESSAGES.forbidden) =>
  new HttpError(403, MESSAGES.forbidden, [description]);
