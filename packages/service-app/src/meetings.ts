import {
  JoinableMeeting,
  Meeting,
  MeetingList,
  SchedulingOptions,
  Sites,
  type CreateMeetingRequest,
  type EndMeetingRequest,
  type MeetingListItem,
  type UpdateSchedulingOptionsRequest,
} from '@g2g/webex-spec/rest';
import { cleanDisplayName as cleanSpecText, DISPLAY_NAME_MAX } from '@g2g/webex-spec';
import { InvalidInputError, MeetingPreferencesError, WebexApiError } from './errors';
import type { WebexHttpClient } from './http-client';

/** Longest meeting title Webex accepts (WEBEX-REFERENCE §3), counted like names, in code points. */
export const MAX_TITLE = DISPLAY_NAME_MAX;

/**
 * A meeting title fit to show to others, by the one rule of shown text
 * (`@g2g/webex-spec`: NFC, no control, bidi-override or zero-width
 * characters, whitespace collapsed, 1–128 code points). Throws
 * {@link InvalidInputError} when it refuses the title.
 */
export function cleanTitle(raw: unknown): string {
  const r = cleanSpecText(raw);
  if (r.ok) return r.name;
  throw new InvalidInputError(
    'title',
    r.problem === 'too-long'
      ? `A title can be at most ${MAX_TITLE} characters long.`
      : r.problem === 'empty'
        ? 'Enter a title with at least one visible character.'
        : 'A title must be text.',
  );
}

/**
 * A meeting guests can join, as `POST /meetings` answers it: the spec's
 * meeting series with its number and SIP address (`JoinableMeeting` of
 * `@g2g/webex-spec/rest`).
 */
export type WebexMeeting = JoinableMeeting;
/** Any meeting series `GET /meetings/{id}` may answer (an ended one has no number). */
export type WebexMeetingSeries = Meeting;
/** One item of `GET /meetings`. */
export type WebexMeetingListItem = MeetingListItem;
export type { SchedulingOptions };

/**
 * How a meeting is run: `no-host` — nobody holds the host role (join before
 * host, `allowJoin`); `host-guest` — one participant is the host (start link
 * or host key) and guests wait in the lobby until admitted.
 */
export type MeetingMode = 'no-host' | 'host-guest';

/** Input of {@link MeetingsApi.schedule}. */
export interface ScheduleInput {
  title: string;
  /** ISO-8601 start and end (10 min – 23 h 59 min apart). */
  start: string;
  end: string;
  mode: MeetingMode;
  /** The guest-to-guest site; Webex refuses others. */
  siteUrl?: string;
  password?: string;
  timezone?: string;
  /** Schedule on behalf of a licensed user (needs `meeting:admin_schedule_write`). */
  hostEmail?: string;
  invitees?: { email: string; displayName?: string; coHost?: boolean }[];
}

/** Join-before-host minutes used for meetings nobody hosts. */
export const NO_HOST_JOIN_BEFORE_MINUTES = 5;

const CONTROL_HUB_HINT =
  'In Control Hub open Meetings › Site settings for the guest-to-guest site › Common settings › ' +
  'Scheduler options and turn on "Allow attendees or panelists to join before host" ' +
  '(or grant the Service App the meeting:preferences_write scope so it can do so itself).';

/** Meetings on the guest-to-guest site. */
export class MeetingsApi {
  constructor(private readonly http: WebexHttpClient) {}

  /** The org's scheduling options (`GET /meetingPreferences/schedulingOptions`). */
  async schedulingOptions(orgId: string): Promise<SchedulingOptions> {
    return (
      await this.http.request({
        method: 'GET',
        path: '/meetingPreferences/schedulingOptions',
        auth: { kind: 'org', orgId },
        schema: SchedulingOptions,
      })
    ).body;
  }

  /** The sites the Service App may schedule on (`GET /meetingPreferences/sites`). */
  async sites(orgId: string): Promise<Sites['sites']> {
    return (
      await this.http.request({
        method: 'GET',
        path: '/meetingPreferences/sites',
        auth: { kind: 'org', orgId },
        schema: Sites,
      })
    ).body.sites;
  }

  /**
   * Makes sure meetings nobody hosts can start: join before host must be on.
   * When it is off and `fix` is allowed, turns it on (`PUT schedulingOptions`);
   * otherwise throws {@link MeetingPreferencesError} naming the Control Hub
   * setting to change. Returns what it found or did.
   */
  async ensureNoHostPreferences(
    orgId: string,
    options: { fix?: boolean } = {},
  ): Promise<'already-set' | 'fixed'> {
    let prefs: SchedulingOptions;
    try {
      prefs = await this.schedulingOptions(orgId);
    } catch (error) {
      if (error instanceof WebexApiError && error.status === 403) {
        throw new MeetingPreferencesError(
          `The Service App cannot read the meeting preferences (missing meeting:preferences_read). ${CONTROL_HUB_HINT}`,
        );
      }
      throw error;
    }
    if (prefs.enabledJoinBeforeHost && prefs.joinBeforeHostMinutes >= NO_HOST_JOIN_BEFORE_MINUTES) {
      return 'already-set';
    }
    if (options.fix === false) {
      throw new MeetingPreferencesError(
        `Join before host is off (or under ${NO_HOST_JOIN_BEFORE_MINUTES} minutes), so meetings nobody hosts cannot start. ${CONTROL_HUB_HINT}`,
      );
    }
    // A PUT replaces the options (the spec requires the first three fields): send what was read, changed.
    const update: UpdateSchedulingOptionsRequest = {
      enabledJoinBeforeHost: true,
      joinBeforeHostMinutes: NO_HOST_JOIN_BEFORE_MINUTES,
      enabledAutoShareRecording: prefs.enabledAutoShareRecording,
      ...(prefs.enabledWebexAssistantByDefault !== undefined
        ? { enabledWebexAssistantByDefault: prefs.enabledWebexAssistantByDefault }
        : {}),
      ...(prefs.delegateEmails !== undefined ? { delegateEmails: prefs.delegateEmails } : {}),
    };
    try {
      await this.http.request({
        method: 'PUT',
        path: '/meetingPreferences/schedulingOptions',
        json: update,
        auth: { kind: 'org', orgId },
        schema: SchedulingOptions,
      });
    } catch (error) {
      if (error instanceof WebexApiError && (error.status === 403 || error.status === 400)) {
        throw new MeetingPreferencesError(
          `Join before host is off and the Service App may not turn it on (${error.status}). ${CONTROL_HUB_HINT}`,
        );
      }
      throw error;
    }
    return 'fixed';
  }

  /** Schedules a meeting (`POST /meetings`, not retried on 5xx: it is not idempotent). */
  async schedule(orgId: string, input: ScheduleInput): Promise<WebexMeeting> {
    const title = cleanTitle(input.title);
    const noHost = input.mode === 'no-host';
    const body: CreateMeetingRequest = {
      title,
      start: input.start,
      end: input.end,
      enabledJoinBeforeHost: noHost,
      joinBeforeHostMinutes: noHost ? NO_HOST_JOIN_BEFORE_MINUTES : 0,
      unlockedMeetingJoinSecurity: noHost ? 'allowJoin' : 'allowJoinWithLobby',
      enabledAutoRecordMeeting: false,
      sendEmail: false,
    };
    if (input.siteUrl) body.siteUrl = input.siteUrl;
    if (input.password) body.password = input.password;
    if (input.timezone) body.timezone = input.timezone;
    if (input.hostEmail) body.hostEmail = input.hostEmail;
    if (input.invitees?.length) body.invitees = input.invitees;
    return (
      await this.http.request({
        method: 'POST',
        path: '/meetings',
        json: body,
        auth: { kind: 'org', orgId },
        schema: JoinableMeeting,
      })
    ).body;
  }

  /** `GET /meetings/{id}`. */
  async get(orgId: string, meetingId: string): Promise<WebexMeetingSeries> {
    return (
      await this.http.request({
        method: 'GET',
        path: `/meetings/${encodeURIComponent(meetingId)}`,
        auth: { kind: 'org', orgId },
        schema: Meeting,
      })
    ).body;
  }

  /** `DELETE /meetings/{id}`; a meeting already gone counts as deleted. */
  async delete(orgId: string, meetingId: string): Promise<'deleted' | 'already-gone'> {
    try {
      await this.http.request({
        method: 'DELETE',
        path: `/meetings/${encodeURIComponent(meetingId)}`,
        auth: { kind: 'org', orgId },
      });
      return 'deleted';
    } catch (error) {
      if (error instanceof WebexApiError && error.status === 404) return 'already-gone';
      throw error;
    }
  }

  /**
   * Ends a running meeting for everyone (`POST /meetings/{id}/end`; host,
   * cohost or the licensing Service App). A meeting that is not running
   * (Webex answers 404 or 409) counts as ended.
   */
  async end(orgId: string, meetingId: string): Promise<'ended' | 'not-running'> {
    try {
      await this.http.request({
        method: 'POST',
        path: `/meetings/${encodeURIComponent(meetingId)}/end`,
        json: {} satisfies EndMeetingRequest,
        auth: { kind: 'org', orgId },
        // Ending twice ends once.
        idempotent: true,
      });
      return 'ended';
    } catch (error) {
      if (error instanceof WebexApiError && (error.status === 404 || error.status === 409)) {
        return 'not-running';
      }
      throw error;
    }
  }

  /** Meetings in progress (`GET /meetings?meetingType=meeting&state=inProgress`). */
  async listInProgress(orgId: string, siteUrl?: string): Promise<WebexMeetingListItem[]> {
    const res = await this.http.request({
      method: 'GET',
      path: '/meetings',
      query: { meetingType: 'meeting', state: 'inProgress', max: 100, siteUrl },
      auth: { kind: 'org', orgId },
      schema: MeetingList,
    });
    return res.body.items;
  }
}
