import { jsonBody, str, int, bool, strArray } from '../http/body';
import { badRequest } from '../http/errors';
import { Router } from '../http/router';
import type { FaultSpec } from '../faults';
import type { SimOptions } from '../world/options';
import type { SimControl } from './control';

const ok = (body: unknown, status = 200) => ({ status, body });

/** `/_sim/*`: the control API over HTTP (documented in the package README). */
export function controlRoutes(control: SimControl): Router {
  const r = new Router();

  r.post('/_sim/reset', (req) => {
    control.reset(jsonBody(req).options as Partial<SimOptions> | undefined);
    return ok({ reset: true });
  });
  r.put('/_sim/options', (req) => ok(control.configure(jsonBody(req) as Partial<SimOptions>)));

  r.post('/_sim/orgs', (req) => ok(control.createOrg(str(jsonBody(req), 'name')), 201));

  r.post('/_sim/service-apps', (req) => {
    const b = jsonBody(req);
    return ok(
      control.createServiceApp({
        ...opt('name', str(b, 'name')),
        ...opt('orgId', str(b, 'orgId')),
        ...opt('orgName', str(b, 'orgName')),
        ...opt('scopes', strArray(b, 'scopes')),
        ...opt('licenceLimit', int(b, 'licenceLimit')),
        ...opt('authorize', bool(b, 'authorize')),
      }),
      201,
    );
  });
  r.get('/_sim/service-apps/:clientId', (_req, p) =>
    control.hasServiceApp(p.clientId!)
      ? ok({ clientId: p.clientId, known: true })
      : { status: 404, body: { message: 'This simulator does not know that Service App.' } },
  );
  r.post('/_sim/service-apps/:clientId/authorize', (req, p) =>
    ok(control.authorize(p.clientId!, str(jsonBody(req), 'orgId'))),
  );
  r.post('/_sim/service-apps/:clientId/deauthorize', (req, p) => {
    control.deauthorize(p.clientId!, str(jsonBody(req), 'orgId'));
    return ok({ deauthorized: true });
  });

  r.post('/_sim/users', (req) => {
    const b = jsonBody(req);
    return ok(
      control.createUser({
        orgId: str(b, 'orgId', { required: true }),
        displayName: str(b, 'displayName', { required: true }),
        email: str(b, 'email', { required: true }),
        ...opt('licensed', bool(b, 'licensed')),
      }),
      201,
    );
  });

  r.get('/_sim/clock', () =>
    ok({ now: control.now(), iso: new Date(control.now()).toISOString() }),
  );
  r.post('/_sim/clock/advance', (req) => {
    const b = jsonBody(req);
    const ms = int(b, 'ms') ?? (int(b, 'seconds') ?? NaN) * 1000;
    if (!Number.isFinite(ms)) throw badRequest('Give ms or seconds.');
    const now = control.advanceClock(ms);
    return ok({ now, iso: new Date(now).toISOString() });
  });
  r.post('/_sim/tokens/expire', (req) =>
    ok({ expired: control.expireToken(str(jsonBody(req), 'token', { required: true })) }),
  );

  r.get('/_sim/faults', () => ok({ items: control.listFaults() }));
  r.post('/_sim/faults', (req) => {
    const b = jsonBody(req);
    const spec: FaultSpec = {
      path: str(b, 'path', { required: true }),
      ...opt('method', str(b, 'method')),
      ...opt('status', int(b, 'status')),
      ...opt('retryAfter', int(b, 'retryAfter')),
      ...opt('latencyMs', int(b, 'latencyMs')),
      ...opt('dropWebsockets', bool(b, 'dropWebsockets')),
      ...opt('count', int(b, 'count')),
    };
    return ok(control.addFault(spec), 201);
  });
  r.delete('/_sim/faults', () => (control.clearFaults(), { status: 204 }));
  r.delete('/_sim/faults/:id', (_req, p) => ({ status: control.removeFault(p.id!) ? 204 : 404 }));

  r.get('/_sim/requests', (req) => {
    const since = req.query.get('since');
    return ok({
      items: control.requests({
        ...opt('method', req.query.get('method') ?? undefined),
        ...opt('path', req.query.get('path') ?? undefined),
        ...opt('since', since ? Number(since) : undefined),
        ...opt('personId', req.query.get('personId') ?? undefined),
        ...opt(
          'unmodelled',
          req.query.has('unmodelled') ? req.query.get('unmodelled') !== 'false' : undefined,
        ),
      }),
    });
  });
  r.delete('/_sim/requests', () => (control.clearRequests(), { status: 204 }));
  r.post('/_sim/websockets/drop', () => ok({ dropped: control.dropWebsockets() }));

  r.get('/_sim/meetings/:id', (_req, p) => ok(control.meetingState(p.id!)));
  r.post('/_sim/meetings/:id/admit', (req, p) =>
    ok({ admitted: control.admit(p.id!, strArray(jsonBody(req), 'participantIds')) }),
  );
  r.post('/_sim/meetings/:id/end', (_req, p) => (control.endMeeting(p.id!), ok({ ended: true })));
  r.post('/_sim/participants/:id/media/drop', (_req, p) =>
    ok({ dropped: control.dropMedia(p.id!) }),
  );
  r.post('/_sim/participants/:id/media/restore', (_req, p) => {
    control.restoreMedia(p.id!);
    return ok({ restored: true });
  });
  r.post('/_sim/participants/:id/mercury/drop', (_req, p) => ok(control.dropMercury(p.id!), 201));
  r.post('/_sim/participants/:id/mercury/restore', (_req, p) => {
    control.restoreMercury(p.id!);
    return ok({ restored: true });
  });
  r.get('/_sim/captchas/:id', (_req, p) => {
    const code = control.captchaCode(p.id!);
    return code
      ? ok({ captchaId: p.id, code })
      : { status: 404, body: { message: 'No such captcha.' } };
  });
  r.get('/_sim/client-logs', () => ok({ items: control.clientLogs() }));
  r.post('/_sim/prune', () => ok(control.prune()));
  r.post('/_sim/webhooks/idle', async () => (await control.webhooksIdle(), ok({ idle: true })));

  return r;
}

/** Spreads `{[key]: value}` only when the value is defined (exactOptionalPropertyTypes-friendly). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
