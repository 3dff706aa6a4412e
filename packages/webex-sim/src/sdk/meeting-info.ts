import { requireToken } from '../http/auth';
import { jsonBody } from '../http/body';
import { HttpError } from '../http/errors';
import type { Router } from '../http/router';
import type { SimRequest } from '../http/types';
import type { Meeting } from '../world/types';
import type { World } from '../world/world';
import { captchaPng, captchaWav } from './captcha-media';
import { signPermissionToken } from './permission-token';
import { MEETING_INFO_CODES } from '@g2g/webex-spec';

/** wbxappapi errors carry a numeric `code` (WEBEX-REFERENCE §1 "meetingInfo HTTP → SDK mapping"). */
const wbxError = (
  status: number,
  code: number,
  message: string,
  extra: Record<string, unknown> = {},
) => new HttpError(status, message, [message], {}, { code, message, ...extra });

const PERMISSION_TOKEN_TTL_MS = 2 * 3600 * 1000;

export function locusUrlFor(base: string, locusId: string): string {
  return `${base}/locus/api/v1/loci/${locusId}`;
}

function partialInfo(m: Meeting) {
  return {
    meetingName: m.title,
    hostName: m.hostDisplayName,
    meetingNumber: m.meetingNumber,
    sipMeetingUri: m.sipAddress,
  };
}

export function meetingInfoRoutes(r: Router, world: World, permissionSecret: string): void {
  const captchaUrls = (req: SimRequest, meeting: Meeting, captchaID: string) => ({
    captchaID,
    verificationImageURL: `${req.baseUrl}/wbxappapi/v1/captchas/${captchaID}/image.png`,
    verificationAudioURL: `${req.baseUrl}/wbxappapi/v1/captchas/${captchaID}/audio.wav`,
    // The SDK appends `&siteFullName=…`, so the URL must already have a query.
    refreshURL: `${req.baseUrl}/wbxappapi/v1/captchas/refresh?meetingId=${meeting.id}`,
  });
  const issueCaptcha = (req: SimRequest, meeting: Meeting, personId: string) =>
    captchaUrls(req, meeting, world.challenges.issueCaptcha(meeting.id, personId).id);

  r.post('/wbxappapi/v1/meetingInfo', (req) => {
    const token = requireToken(world, req);
    const body = jsonBody(req);
    const asString = (v: unknown) =>
      typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
    const meeting = world.meetings.find({
      ...(asString(body.meetingKey) ? { meetingKey: asString(body.meetingKey)! } : {}),
      ...(asString(body.sipUrl) ? { sipUrl: asString(body.sipUrl)! } : {}),
      ...(asString(body.meetingUrl) ? { meetingUrl: asString(body.meetingUrl)! } : {}),
    });
    if (!meeting)
      throw wbxError(
        404,
        MEETING_INFO_CODES.MEETING_NOT_FOUND,
        'The meeting does not exist or has ended.',
      );

    const password = asString(body.password);

    // Join before host is on, but its window (minutes before the start) has
    // not opened and nobody has started the meeting: meeting info refuses
    // attendees with 403003, which webex@3 reports as JoinForbiddenError
    // (`NOT_REACH_JBH`, meeting/index.ts fetchMeetingInfo). The host (own
    // account, or the host key sent as the password) may start it any time.
    // With join before host off, attendees are let through to wait in the
    // lobby for the host instead (locus.ts).
    const asHost =
      token.personId === meeting.hostUserId || (!!password && password === meeting.hostKey);
    if (
      meeting.enabledJoinBeforeHost &&
      meeting.state !== 'inProgress' &&
      !asHost &&
      world.now() < meeting.start - meeting.joinBeforeHostMinutes * 60_000
    ) {
      throw wbxError(
        403,
        MEETING_INFO_CODES.JOIN_BEFORE_HOST_NOT_YET,
        `The meeting opens to attendees ${meeting.joinBeforeHostMinutes} minutes before it starts.`,
      );
    }
    const captchaRequired = world.challenges.captchaRequired(meeting.id, token.personId);

    if (captchaRequired) {
      const id = asString(body.captchaID);
      // One answer per challenge, right or wrong.
      const solved =
        !!id &&
        world.challenges.solve(id, meeting.id, token.personId, asString(body.captchaVerifyCode));
      if (!solved) {
        const code = id
          ? MEETING_INFO_CODES.CAPTCHA_REQUIRED_AGAIN
          : MEETING_INFO_CODES.CAPTCHA_REQUIRED_WRONG_PASSWORD;
        throw wbxError(
          423,
          code,
          'Captcha verification is required.',
          issueCaptcha(req, meeting, token.personId),
        );
      }
    }

    const isHostKey = !!password && password === meeting.hostKey;
    if (meeting.password && !isHostKey && password !== meeting.password) {
      if (!password && !captchaRequired) {
        throw wbxError(
          403,
          MEETING_INFO_CODES.PASSWORD_OR_HOST_KEY_REQUIRED,
          'Password or host key is required.',
          { data: { meetingInfo: partialInfo(meeting) } },
        );
      }
      const next = world.challenges.wrongPassword(meeting.id, token.personId);
      if (captchaRequired) {
        throw wbxError(
          423,
          MEETING_INFO_CODES.WRONG_PASSWORD_WITH_CAPTCHA,
          'The password is wrong. Enter it again with a new captcha.',
          issueCaptcha(req, meeting, token.personId),
        );
      }
      if (next >= world.options.captchaAfterFailures) {
        throw wbxError(
          423,
          MEETING_INFO_CODES.CAPTCHA_REQUIRED_WRONG_PASSWORD,
          'Too many wrong passwords: captcha verification is required.',
          issueCaptcha(req, meeting, token.personId),
        );
      }
      throw wbxError(
        403,
        MEETING_INFO_CODES.WRONG_PASSWORD_OR_HOST_KEY,
        'The password or host key is wrong.',
        { data: { meetingInfo: partialInfo(meeting) } },
      );
    }

    world.challenges.passwordAccepted(meeting.id, token.personId);
    const locusId = world.meetings.locusIdOf(meeting);
    const now = world.now();
    const permissionToken = signPermissionToken(permissionSecret, {
      meetingId: meeting.id,
      personId: token.personId,
      role: isHostKey || token.personId === meeting.hostUserId ? 'host' : 'attendee',
      iat: now,
      exp: now + PERMISSION_TOKEN_TTL_MS,
    });
    return {
      status: 200,
      body: {
        meetingKey: meeting.meetingNumber,
        meetingNumber: meeting.meetingNumber,
        confID: meeting.id,
        meetingId: meeting.id,
        meetingName: meeting.title,
        sipMeetingUri: meeting.sipAddress,
        sipUrl: meeting.sipAddress,
        meetingJoinUrl: meeting.webLink,
        webExMeetingLink: meeting.webLink,
        hostName: meeting.hostDisplayName,
        hostId: meeting.hostUserId,
        owner: meeting.hostUserId,
        siteFullName: meeting.siteUrl,
        siteURL: meeting.siteUrl,
        locusUrl: locusUrlFor(req.baseUrl, locusId),
        permissionToken,
        isWebexMeeting: true,
        supportHostKey: true,
        startTime: new Date(meeting.start).toISOString(),
        duration: Math.round((meeting.end - meeting.start) / 60000),
      },
    };
  });

  r.post('/wbxappapi/v1/captchas/refresh', (req) => {
    requireToken(world, req);
    const body = jsonBody(req);
    const old =
      typeof body.captchaId === 'string' ? world.challenges.captcha(body.captchaId) : undefined;
    const meeting = old ? world.meetings.get(old.meetingId) : undefined;
    if (!old || !meeting)
      throw wbxError(
        404,
        MEETING_INFO_CODES.CAPTCHA_NOT_FOUND,
        'The captcha is unknown or has expired.',
      );
    const fresh = captchaUrls(req, meeting, world.challenges.refreshCaptcha(old.id)!.id);
    return {
      status: 200,
      body: {
        captchaID: fresh.captchaID,
        verificationImageURL: fresh.verificationImageURL,
        verificationAudioURL: fresh.verificationAudioURL,
        refreshURL: fresh.refreshURL,
      },
    };
  });

  // Captcha media is fetched by <img>/<audio> with no token, like Webex's.
  const media = (kind: 'png' | 'wav') => (_req: SimRequest, p: Record<string, string>) => {
    const c = world.challenges.captcha(p.id!);
    if (!c)
      return {
        status: 404,
        body: { code: MEETING_INFO_CODES.CAPTCHA_NOT_FOUND, message: 'Unknown captcha.' },
      };
    return kind === 'png'
      ? {
          status: 200,
          headers: { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' },
          body: captchaPng(c.code),
        }
      : {
          status: 200,
          headers: { 'Content-Type': 'audio/wav', 'Cache-Control': 'no-store' },
          body: captchaWav(c.code),
        };
  };
  r.get('/wbxappapi/v1/captchas/:id/image.png', media('png'));
  r.get('/wbxappapi/v1/captchas/:id/audio.wav', media('wav'));
}
