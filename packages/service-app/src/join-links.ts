import { JoinMeetingLinks, type JoinMeetingRequest } from '@g2g/webex-spec/rest';
import { InvalidInputError } from './errors';
import type { WebexHttpClient } from './http-client';

/** Input of {@link JoinLinksApi.create}. */
export interface JoinLinkInput {
  meetingId: string;
  /** Required for Service Apps: the app's machine account (or a user of the org). */
  hostEmail: string;
  /** 1–60 minutes; default 60. */
  expirationMinutes?: number;
  /** Name and email to prefill for the person the link is for. */
  displayName?: string;
  email?: string;
  password?: string;
}

/**
 * Links from `POST /meetings/join` (`JoinMeetingLinks` of
 * `@g2g/webex-spec/rest`). `startLink` only when `hostEmail` hosts the
 * meeting: whoever opens it becomes the host. `expiration` is the join link's
 * expiry as Webex gave it.
 */
export type JoinLinks = JoinMeetingLinks;

/** Join and start links (`POST /meetings/join`, always `joinDirectly:false`). */
export class JoinLinksApi {
  constructor(private readonly http: WebexHttpClient) {}

  async create(orgId: string, input: JoinLinkInput): Promise<JoinLinks> {
    const minutes = input.expirationMinutes ?? 60;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) {
      throw new InvalidInputError('expirationMinutes', 'expirationMinutes must be 1–60.');
    }
    if (input.displayName !== undefined && input.email === undefined) {
      throw new InvalidInputError('displayName', 'displayName needs an email as well.');
    }
    const json: JoinMeetingRequest = {
      meetingId: input.meetingId,
      joinDirectly: false,
      hostEmail: input.hostEmail,
      expirationMinutes: minutes,
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.password !== undefined ? { password: input.password } : {}),
    };
    const res = await this.http.request({
      method: 'POST',
      path: '/meetings/join',
      json,
      auth: { kind: 'org', orgId },
      // Asking for links changes nothing: safe to repeat.
      idempotent: true,
      schema: JoinMeetingLinks,
    });
    return res.body;
  }
}
