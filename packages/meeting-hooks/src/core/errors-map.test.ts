import { describe, expect, it } from 'vitest';
import { JoinError, MediaError } from './errors';
import { toJoinError, toMediaError } from './errors-map';

const http = (statusCode: number, body: Record<string, unknown> = {}, name = 'HttpError') =>
  Object.assign(new Error(String(body.message ?? `HTTP ${statusCode}`)), {
    statusCode,
    body,
    name,
  });
const joinMeetingError = (inner: unknown) =>
  Object.assign(new Error('Error Joining Meeting'), {
    name: 'JoinMeetingError',
    code: 2,
    error: inner,
  });

describe('toJoinError: SDK errors and meeting-info codes → stable codes', () => {
  it.each([
    [
      'SpaceIDDeprecatedError',
      Object.assign(new Error('space'), { name: 'SpaceIDDeprecatedError', code: 30105 }),
      'space-id-not-supported',
    ],
    [
      'NoMeetingInfoError',
      Object.assign(new Error('No meeting info'), { name: 'NoMeetingInfo', code: 10 }),
      'not-found',
    ],
    ['meetingInfo 404006', http(404, { code: 404006 }), 'not-found'],
    [
      'wbxAppApiCode 403003',
      { wbxAppApiCode: 403003, message: 'x' },
      'join-before-host-not-allowed',
    ],
    ['NOT_REACH_JBH reason', { message: 'NOT_REACH_JBH' }, 'join-before-host-not-allowed'],
    ['HTTP 401', http(401), 'token-invalid'],
    [
      'the SDK token format check',
      new Error('the provided token is not a valid format'),
      'token-invalid',
    ],
    ['NetworkOrCORSError', http(0, {}, 'NetworkOrCORSError'), 'network'],
    ['Failed to fetch', new TypeError('Failed to fetch'), 'network'],
    ['ECONNREFUSED', new Error('connect ECONNREFUSED 127.0.0.1:443'), 'network'],
    ['HTTP 503', http(503), 'network'],
    ['HTTP 429', http(429), 'network'],
    ['policy code 403049', http(403, { code: 403049 }), 'forbidden'],
    [
      'JoinForbiddenError',
      Object.assign(new Error('forbidden'), { name: 'JoinForbiddenError' }),
      'forbidden',
    ],
    [
      'a Locus 403 inside JoinMeetingError',
      joinMeetingError(http(403, { errorCode: 2403001 })),
      'forbidden',
    ],
    ['anything else', new Error('boom'), 'unknown'],
    ['a string', 'boom', 'unknown'],
    ['undefined', undefined, 'unknown'],
  ])('%s → %s', (_label, error, code) => {
    const mapped = toJoinError(error);
    expect(mapped).toBeInstanceOf(JoinError);
    expect(mapped.code).toBe(code);
    expect(mapped.cause).toBe(error);
  });

  it('a 401 with a known-expired token is token-expired, and retryable', () => {
    const mapped = toJoinError(http(401), { tokenExpired: true });
    expect(mapped).toMatchObject({ code: 'token-expired', retryable: true });
  });

  describe('licence exhaustion (Locus join)', () => {
    it('the simulator answer: 403 {errorCode: 2403050, message: …licence…} wrapped in JoinMeetingError', () => {
      const locus = http(403, {
        errorCode: 2403050,
        message:
          "The meeting cannot start: the Service App's licence allows 10 concurrent meetings.",
      });
      const mapped = toJoinError(joinMeetingError(locus));
      expect(mapped).toMatchObject({
        code: 'license-exceeded',
        webexCode: 2403050,
        retryable: true,
      });
    });

    it.each([
      ['the code alone', http(403, { errorCode: 2403050 })],
      ['American spelling in the body', http(403, { message: 'License limit reached' })],
      ['British spelling in the message', new Error('No licence available')],
    ])('is recognised from %s', (_label, inner) => {
      expect(toJoinError(joinMeetingError(inner)).code).toBe('license-exceeded');
    });
  });

  it('passes a JoinError through untouched', () => {
    const error = new JoinError('timeout', 'slow', { retryable: true });
    expect(toJoinError(error)).toBe(error);
  });

  it('retryable follows the code', () => {
    expect(toJoinError(http(0)).retryable).toBe(true);
    expect(toJoinError(http(404, { code: 404006 })).retryable).toBe(false);
    expect(toJoinError(http(403, { code: 403049 })).retryable).toBe(false);
  });
});

describe('toMediaError', () => {
  const dom = (name: string) => Object.assign(new Error(name), { name });
  it.each([
    [dom('NotAllowedError'), 'permission-denied'],
    [dom('SecurityError'), 'permission-denied'],
    [
      {
        type: 'CREATE_STREAM_FAILED',
        message: 'Failed to create camera stream: NotAllowedError: Permission denied',
      },
      'permission-denied',
    ],
    [
      { type: 'DEVICE_PERMISSION_DENIED', message: 'Failed to ensure device permissions' },
      'permission-denied',
    ],
    [dom('NotReadableError'), 'device-in-use'],
    [
      {
        type: 'CREATE_STREAM_FAILED',
        message:
          'Failed to create microphone stream: NotReadableError: Could not start audio source',
      },
      'device-in-use',
    ],
    [dom('NotFoundError'), 'device-not-found'],
    [dom('OverconstrainedError'), 'device-not-found'],
    [dom('NotSupportedError'), 'not-supported'],
    [new Error('weird'), 'unknown'],
  ])('%o → %s', (error, code) => {
    const mapped = toMediaError(error);
    expect(mapped).toBeInstanceOf(MediaError);
    expect(mapped.code).toBe(code);
  });
});
