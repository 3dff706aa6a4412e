// Each org that authorizes the Service App is a tenant: two simulated orgs
// work side by side without seeing each other, and an outside org that
// authorizes the app gets nothing until the admin accepts it.
import { canonicalOrgId } from '@g2g/service-app';
import { describe, expect, it } from 'vitest';
import { backendPerFile, joinThroughLocus, startTestBackend } from './testing/harness';
import { worldOf } from '@g2g/webex-sim/testing/world';

const env = backendPerFile({ seed: 'backend-tenants' }, { licenceLimit: 3 });

const A = 0;
const B = 1;
const create = (who: number, body: Record<string, unknown> = {}) =>
  env.t.opOf(who, 'POST', '/api/consultations', { guests: 1, ...body });

describe('two orgs authorizing the same Service App', () => {
  it('each operator works in its own org, and neither sees nor acts on the other’s consultations', async () => {
    const [orgA, orgB] = env.t.backend.simOrgs!;
    const a = (await create(A, { title: 'Acme visit' })).body;
    const b = (await create(B, { title: 'Beacon visit', mode: 'host-guest' })).body;
    // Scheduled in each org's own site, by each org's own tokens.
    const meetingOf = (n: string) =>
      [...worldOf(env.sim).meetings.values()].find((m) => m.meetingNumber === n)!;
    expect(meetingOf(a.consultation.meetingNumber).orgId).toBe(orgA!.orgId);
    expect(meetingOf(b.consultation.meetingNumber).orgId).toBe(orgB!.orgId);
    expect(a.consultation.siteUrl).toBe(orgA!.siteUrl);
    expect(b.consultation.siteUrl).toBe(orgB!.siteUrl);

    const ids = async (who: number) =>
      (await env.t.opOf(who, 'GET', '/api/consultations')).body.items.map(
        (c: { id: string }) => c.id,
      );
    expect(await ids(A)).toEqual([a.consultation.id]);
    expect(await ids(B)).toEqual([b.consultation.id]);

    // Another org's consultation is as absent as one that never existed.
    const other = `/api/consultations/${b.consultation.id}`;
    for (const [method, path] of [
      ['GET', other],
      ['GET', `${other}/links`],
      ['POST', `${other}/end`],
      ['DELETE', other],
    ] as const) {
      const res = await env.t.opOf(A, method, path);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('not-found');
    }
    expect(meetingOf(b.consultation.meetingNumber)).toBeDefined();

    // Each tenant's status is its own.
    const ta = (await env.t.opOf(A, 'GET', '/api/tenant')).body;
    const tb = (await env.t.opOf(B, 'GET', '/api/tenant')).body;
    expect([ta.orgId, ta.name, tb.orgId, tb.name]).toEqual([
      orgA!.orgId,
      'Acme Health',
      orgB!.orgId,
      'Beacon Clinic',
    ]);
    expect(JSON.stringify(ta)).not.toContain(orgB!.orgId);

    // Participant links of B work for B's consultation only, and mint B's guests.
    const join = await env.t.call('POST', `/api/consultations/${b.consultation.id}/join`, {
      token: b.links.guests[0].capability,
      body: { displayName: 'Pat' },
    });
    expect(join.status).toBe(200);
    const me = (await (
      await fetch(`${env.sim.url}/v1/people/me`, {
        headers: { Authorization: `Bearer ${join.body.accessToken}` },
      })
    ).json()) as { orgId: string };
    expect(canonicalOrgId(me.orgId)).toBe(orgB!.orgId);
  });

  it('licence meters are per tenant: a meeting running in one org does not count in the other', async () => {
    const b = (await create(B, { title: 'Busy in B' })).body;
    const join = await env.t.call('POST', `/api/consultations/${b.consultation.id}/join`, {
      token: b.links.guests[0].capability,
      body: { displayName: 'G' },
    });
    await joinThroughLocus(env.sim, join.body);
    await env.sim.control.webhooksIdle();
    expect((await env.t.opOf(B, 'GET', '/api/tenant')).body.licence.inProgress).toBe(1);
    expect((await env.t.opOf(A, 'GET', '/api/tenant')).body.licence.inProgress).toBe(0);
    env.sim.control.endMeeting(b.consultation.meetingNumber);
    await env.sim.control.webhooksIdle();
  });

  it('an outside org that authorizes the app is recorded, and nothing more, until the admin accepts it', async () => {
    const { clientId } = env.t.backend.simApp!;
    const outside = env.sim.control.createOrg('Outside Org');
    env.sim.control.clearRequests();
    env.sim.control.authorize(clientId, outside.id);
    await env.sim.control.webhooksIdle();

    // No tokens retrieved, nothing registered, nothing scheduled there.
    expect(env.sim.control.requests({ path: '/v1/applications/*/token' })).toEqual([]);
    const tenants = (await env.t.admin('GET', '/api/admin/tenants')).body.items;
    const rec = tenants.find((t: { orgId: string }) => t.orgId === outside.id);
    expect(rec).toMatchObject({
      status: 'pending',
      siteUrl: outside.siteUrl,
      authorization: { state: 'not-authorized' },
    });
    expect(rec.authorizedAt).toBeDefined();
    // The configured orgs keep working where they were: nothing moved to the outsider.
    const a = (await create(A, { title: 'Still Acme' })).body;
    const m = [...worldOf(env.sim).meetings.values()].find(
      (x) => x.meetingNumber === a.consultation.meetingNumber,
    )!;
    expect(m.orgId).toBe(env.t.backend.simOrgs![A]!.orgId);
    // No key exists for it, and the admin cannot issue one before accepting.
    const early = await env.t.admin('POST', `/api/admin/tenants/${outside.id}/operator-keys`, {});
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('tenant-not-accepted');

    // The admin accepts: tokens are retrieved, and a key of its own lets its operator work.
    const accepted = await env.t.admin('POST', `/api/admin/tenants/${outside.id}/accept`, {
      name: 'Outside Clinic',
      licenceLimit: 2,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      decidedBy: 'admin',
      licenceLimit: 2,
      authorization: { state: 'authorized' },
    });
    const issued = await env.t.admin('POST', `/api/admin/tenants/${outside.id}/operator-keys`, {
      label: 'front desk',
    });
    expect(issued.status).toBe(201);
    expect(issued.body.key).toMatch(/^g2g_op_[a-f0-9]{16}_/);
    const listed = await env.t.admin('GET', `/api/admin/tenants/${outside.id}/operator-keys`);
    expect(listed.text).not.toContain(issued.body.key);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: issued.body.id, label: 'front desk' }),
    ]);
    const asOutsider = (method: string, path: string, body?: unknown) =>
      env.t.call(method, path, { token: issued.body.key, body });
    const made = await asOutsider('POST', '/api/consultations', { title: 'Outside visit' });
    expect(made.status).toBe(201);
    expect(made.body.consultation.siteUrl).toBe(outside.siteUrl);
    expect((await asOutsider('GET', '/api/tenant')).body.licence.limit).toBe(2);
    expect(
      (await asOutsider('GET', '/api/consultations')).body.items.map(
        (c: { title: string }) => c.title,
      ),
    ).toEqual(['Outside visit']);

    // Revoked, the key stops working; refused, the org's tokens go.
    expect(
      (await env.t.admin('DELETE', `/api/admin/operator-keys/${issued.body.id}`)).body.revokedAt,
    ).toBeDefined();
    expect((await asOutsider('GET', '/api/tenant')).status).toBe(401);
    const second = (await env.t.admin('POST', `/api/admin/tenants/${outside.id}/operator-keys`, {}))
      .body;
    expect((await env.t.call('GET', '/api/tenant', { token: second.key })).status).toBe(200);
    const refused = await env.t.admin('POST', `/api/admin/tenants/${outside.id}/refuse`);
    expect(refused.body).toMatchObject({
      status: 'refused',
      authorization: { state: 'not-authorized' },
    });
    expect((await env.t.call('GET', '/api/tenant', { token: second.key })).status).toBe(401);
  });

  it('meeting deliveries of an org that is not accepted change nothing', async () => {
    const stranger = env.sim.control.createOrg('Stranger');
    env.sim.control.authorize(env.t.backend.simApp!.clientId, stranger.id);
    await env.sim.control.webhooksIdle();
    const before = env.t.logs.length;
    // A signed delivery naming the stranger org (the app's home webhooks can hear it).
    const { createHmac } = await import('node:crypto');
    const raw = JSON.stringify({
      id: 'w',
      resource: 'meetings',
      event: 'started',
      orgId: stranger.id,
      data: {
        id: 'm-stranger',
        siteUrl: stranger.siteUrl,
        start: new Date(env.sim.control.now()).toISOString(),
      },
    });
    const res = await env.t.call('POST', '/webhooks/webex', {
      body: raw,
      headers: {
        'Content-Type': 'application/json',
        'X-Spark-Signature': createHmac('sha1', env.t.devKeys().webhookSecret)
          .update(raw)
          .digest('hex'),
      },
    });
    expect(res.body).toEqual({ ok: true, outcome: 'processed' });
    expect(env.t.logs.slice(before).some((l) => l.includes('"outcome":"not-accepted"'))).toBe(true);
    expect(await env.t.backend.store.meter.list(stranger.siteUrl)).toEqual([]);
  });

  it('an allowlisted org is accepted as soon as it authorizes', async () => {
    const listed = env.sim.control.createOrg('Listed Org');
    const t = await startTestBackend(env.sim, { acceptedOrgs: [listed.id], simOrgs: 1 });
    try {
      env.sim.control.authorize(t.backend.simApp!.clientId, listed.id);
      await env.sim.control.webhooksIdle();
      const rec = (await t.admin('GET', '/api/admin/tenants')).body.items.find(
        (x: { orgId: string }) => x.orgId === listed.id,
      );
      expect(rec).toMatchObject({
        status: 'accepted',
        decidedBy: 'allowlist',
        authorization: { state: 'authorized' },
      });
    } finally {
      await t.close();
    }
  });
});
