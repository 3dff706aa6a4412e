import type { WebexHttpClient } from './http-client';
import type { WebexMeeting } from './meetings';

/** A space with its members and its ad-hoc meeting. */
export interface SpaceMeeting {
  roomId: string;
  membershipIds: string[];
  meeting: WebexMeeting;
}

/**
 * The persistent-guest flow, for parity with space-backed meetings: create a
 * room, add the guests, start the room's ad-hoc meeting (`roomId` +
 * `adhoc:true`, which returns the ongoing one if any).
 */
export class SpacesApi {
  constructor(private readonly http: WebexHttpClient) {}

  async createRoom(orgId: string, title: string): Promise<{ id: string; title: string }> {
    return (
      await this.http.request<{ id: string; title: string }>({
        method: 'POST',
        path: '/rooms',
        json: { title },
        auth: { kind: 'org', orgId },
      })
    ).body;
  }

  async addMember(
    orgId: string,
    roomId: string,
    member: { personId: string } | { personEmail: string },
  ): Promise<{ id: string }> {
    return (
      await this.http.request<{ id: string }>({
        method: 'POST',
        path: '/memberships',
        json: { roomId, ...member },
        auth: { kind: 'org', orgId },
      })
    ).body;
  }

  /** The room's ad-hoc meeting (the ongoing one when it already runs). */
  async adhocMeeting(orgId: string, roomId: string): Promise<WebexMeeting> {
    return (
      await this.http.request<WebexMeeting>({
        method: 'POST',
        path: '/meetings',
        json: { roomId, adhoc: true },
        auth: { kind: 'org', orgId },
        // Webex answers the ongoing ad-hoc meeting on a repeat, so a retry cannot duplicate it.
        idempotent: true,
      })
    ).body;
  }

  /** Room, members (added in parallel) and meeting in one go. */
  async createSpaceMeeting(
    orgId: string,
    input: { title: string; members: ({ personId: string } | { personEmail: string })[] },
  ): Promise<SpaceMeeting> {
    const room = await this.createRoom(orgId, input.title);
    const memberships = await Promise.all(
      input.members.map((m) => this.addMember(orgId, room.id, m)),
    );
    const meeting = await this.adhocMeeting(orgId, room.id);
    return { roomId: room.id, membershipIds: memberships.map((m) => m.id), meeting };
  }
}
