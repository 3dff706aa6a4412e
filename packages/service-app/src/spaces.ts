import {
  JoinableMeeting,
  Membership,
  Room,
  type CreateMembershipRequest,
  type CreateRoomRequest,
} from '@g2g/webex-spec/rest';
import { WebexApiError } from './errors';
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

  async createRoom(orgId: string, title: string): Promise<Room> {
    const json: CreateRoomRequest = { title };
    return (
      await this.http.request({
        method: 'POST',
        path: '/rooms',
        json,
        auth: { kind: 'org', orgId },
        schema: Room,
      })
    ).body;
  }

  async addMember(
    orgId: string,
    roomId: string,
    member: { personId: string } | { personEmail: string },
  ): Promise<Membership> {
    const json: CreateMembershipRequest = { roomId, ...member };
    return (
      await this.http.request({
        method: 'POST',
        path: '/memberships',
        json,
        auth: { kind: 'org', orgId },
        schema: Membership,
      })
    ).body;
  }

  /** Deletes a room (its memberships go with it); a room already gone counts as deleted. */
  async deleteRoom(orgId: string, roomId: string): Promise<'deleted' | 'already-gone'> {
    try {
      await this.http.request({
        method: 'DELETE',
        path: `/rooms/${encodeURIComponent(roomId)}`,
        auth: { kind: 'org', orgId },
      });
      return 'deleted';
    } catch (error) {
      if (error instanceof WebexApiError && error.status === 404) return 'already-gone';
      throw error;
    }
  }

  /** The room's ad-hoc meeting (the ongoing one when it already runs). */
  async adhocMeeting(orgId: string, roomId: string): Promise<WebexMeeting> {
    return (
      await this.http.request({
        method: 'POST',
        path: '/meetings',
        json: { roomId, adhoc: true },
        auth: { kind: 'org', orgId },
        // Webex answers the ongoing ad-hoc meeting on a repeat, so a retry cannot duplicate it.
        idempotent: true,
        schema: JoinableMeeting,
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
