import { describe, expect, it } from 'vitest';
import { type Sim } from '../index';
import { type client, expectEnvelope, provision, type App, simPerTest } from './testkit';
import { worldOf } from '../testing/world';

let sim: Sim;
let call: ReturnType<typeof client>;
let app: App;
let token: string;

simPerTest('webhooks-crud', (t) => ({ sim, call, app, token } = t));

const hook = {
  name: 'Meeting starts',
  targetUrl: 'http://127.0.0.1:9/hook',
  resource: 'meetings',
  event: 'started',
  secret: 's3cret',
};

describe('webhooks CRUD', () => {
  it('creates with 200 and the Webex fields', async () => {
    const res = await call('POST', '/v1/webhooks', {
      token,
      body: { ...hook, filter: 'hostEmail=a@b.co', ownedBy: 'org' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(String),
      ...hook,
      filter: 'hostEmail=a@b.co',
      orgId: Buffer.from(`ciscospark://us/ORGANIZATION/${app.orgId}`).toString('base64url'),
      createdBy: (await call('GET', '/v1/people/me', { token })).body.id,
      appId: app.applicationId,
      ownedBy: 'org',
      status: 'active',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(Buffer.from(res.body.id, 'base64url').toString()).toMatch(/\/WEBHOOK\//);
  });

  it('makes host and owner filters org-level (ownedBy org), as the spec requires', async () => {
    for (const filter of ['hostEmail=a@b.co', 'hostUserId=x', 'ownerEmail=a@b.co', 'ownerId=y']) {
      const res = await call('POST', '/v1/webhooks', { token, body: { ...hook, filter } });
      expect(res.status).toBe(400);
      expect(expectEnvelope(res).descriptions[0]).toMatch(/needs ownedBy set to org/);
    }
    const mine = await call('POST', '/v1/webhooks', {
      token,
      body: { ...hook, filter: 'state=x' },
    });
    expect(mine.body.ownedBy).toBe('creator');
    const org = (
      await call('POST', '/v1/webhooks', {
        token,
        body: { ...hook, filter: 'hostEmail=a@b.co', ownedBy: 'org' },
      })
    ).body;
    const orgOnly = await call('GET', '/v1/webhooks?ownedBy=org', { token });
    expect(orgOnly.body.items.map((w: { id: string }) => w.id)).toEqual([org.id]);
    expect((await call('GET', '/v1/webhooks?ownedBy=creator', { token })).status).toBe(400);
  });

  it('reads, lists, updates and deletes', async () => {
    const created = (await call('POST', '/v1/webhooks', { token, body: hook })).body;
    expect((await call('GET', `/v1/webhooks/${created.id}`, { token })).body).toEqual(created);
    const list = await call('GET', '/v1/webhooks', { token });
    expect(list.body.items.map((w: { id: string }) => w.id)).toEqual([created.id]);

    const put = await call('PUT', `/v1/webhooks/${created.id}`, {
      token,
      body: { name: 'Renamed', targetUrl: 'http://127.0.0.1:10/x', status: 'active' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      name: 'Renamed',
      targetUrl: 'http://127.0.0.1:10/x',
      status: 'active',
    });

    expect((await call('DELETE', `/v1/webhooks/${created.id}`, { token })).status).toBe(204);
    expect((await call('GET', `/v1/webhooks/${created.id}`, { token })).status).toBe(404);
    expect((await call('GET', '/v1/webhooks', { token })).body.items).toEqual([]);
  });

  it('reactivates a disabled webhook and forgets its failures', async () => {
    const created = (await call('POST', '/v1/webhooks', { token, body: hook })).body;
    const stored = worldOf(sim).webhooks.get(created.id)!;
    stored.status = 'inactive';
    stored.failures = [sim.control.now()];
    const put = await call('PUT', `/v1/webhooks/${created.id}`, {
      token,
      body: { name: hook.name, targetUrl: hook.targetUrl, status: 'active' },
    });
    expect(put.body.status).toBe('active');
    expect(stored.failures).toEqual([]);
  });

  it('keeps each app’s webhooks to itself', async () => {
    const created = (await call('POST', '/v1/webhooks', { token, body: hook })).body;
    const other = provision(sim, { orgId: app.orgId });
    const t = other.tokens.accessToken;
    expect((await call('GET', `/v1/webhooks/${created.id}`, { token: t })).status).toBe(404);
    expect((await call('DELETE', `/v1/webhooks/${created.id}`, { token: t })).status).toBe(404);
    expect((await call('GET', '/v1/webhooks', { token: t })).body.items).toEqual([]);
  });

  it.each([
    [{ name: undefined }, /name is required/],
    [{ targetUrl: undefined }, /targetUrl is required/],
    [{ targetUrl: 'ftp://127.0.0.1/x' }, /http or https URL/],
    [{ targetUrl: 'not a url' }, /http or https URL/],
    [{ resource: 'pizzas' }, /resource must be one of/],
    [{ resource: 'serviceApp', event: 'created' }, /authorized, deauthorized/],
    [{ resource: 'meetings', event: 'exploded' }, /started, ended/],
    [{ resource: 'all', event: 'created' }, /event for resource all must be one of all/],
    [{ filter: '=nokey' }, /key=value/],
    [{ ownedBy: 'someone' }, /creator or org/],
  ])('answers 400 for %j', async (extra, pattern) => {
    const res = await call('POST', '/v1/webhooks', { token, body: { ...hook, ...extra } });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions[0]).toMatch(pattern);
  });

  it('accepts the pairs the backend registers', async () => {
    for (const [resource, event] of [
      ['serviceApp', 'authorized'],
      ['serviceApp', 'deauthorized'],
      ['meetings', 'started'],
      ['meetings', 'ended'],
      ['meetings', 'all'],
      ['all', 'all'],
    ]) {
      const res = await call('POST', '/v1/webhooks', { token, body: { ...hook, resource, event } });
      expect(res.status).toBe(200);
    }
  });

  it('validates PUT bodies', async () => {
    const created = (await call('POST', '/v1/webhooks', { token, body: hook })).body;
    const res = await call('PUT', `/v1/webhooks/${created.id}`, {
      token,
      body: { name: 'x', targetUrl: hook.targetUrl, status: 'inactive' },
    });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions[0]).toMatch(/only be set to active/);
    expect(
      (await call('PUT', `/v1/webhooks/${created.id}`, { token, body: { name: 'x' } })).status,
    ).toBe(400);
  });

  it('needs a token', async () => {
    expect((await call('GET', '/v1/webhooks')).status).toBe(401);
  });
});
