import type { SimServer } from '../server';
import { globToRegExp, type Faults } from '../faults';
import { badRequest, notFound } from '../http/errors';
import type { RequestLog } from '../requestLog';
import type { Meeting, Participant, ServiceApp } from '../world/types';
import { mercuryPath } from '../sdk/urls';
import { readJoinLink } from '../rest/joinLinks';
import type { World } from '../world/world';
import type { WebhookDelivery } from '../webhooks/delivery';
import type { MediaRelay } from '../media';
import type {
  AppTokens,
  ControlApi,
  OperationName,
  ProvisionedApp,
  SignatureOf,
} from './operations';

export type {
  AppTokens,
  CreateServiceAppInput,
  CreateUserInput,
  ProvisionedApp,
  SimMeetingState,
  SimOrg,
  SimUser,
} from './operations';

/** What the control operations act on. */
export interface ControlDeps {
  world: World;
  faults: Faults;
  log: RequestLog;
  server: SimServer;
  webhooks?: WebhookDelivery;
  media?: MediaRelay;
}

/**
 * Test and demo control over the simulated cloud: every operation of
 * `CONTROL_OPERATIONS`, in process. The `/_sim/*` routes and the browser
 * client are derived from the same table, so the three faces agree.
 */
export type SimControl = ControlApi;

type Implementation<K extends OperationName> = (
  deps: ControlDeps,
  ...args: Parameters<SignatureOf<K>>
) => ReturnType<SignatureOf<K>>;

function app(world: World, clientId: string): ServiceApp {
  const found = world.identity.appByApplicationId(clientId);
  if (!found) throw notFound(`Unknown Service App ${clientId}`);
  return found;
}

function participant(world: World, id: string): Participant {
  const found = world.meetings.participant(id);
  if (!found) throw notFound(`Unknown participant ${id}`);
  return found.participant;
}

function meeting(world: World, idOrNumber: string): Meeting {
  const m = world.meetings.byIdOrNumber(idOrNumber);
  if (!m) throw notFound(`Unknown meeting ${idOrNumber}`);
  return m;
}

function authorize(world: World, clientId: string, orgId?: string): AppTokens {
  const a = app(world, clientId);
  const target = orgId ?? a.ownerOrgId;
  world.identity.authorize(a, target);
  const { access, refresh } = world.tokens.issuePair(
    'service-app',
    a,
    target,
    world.identity.machineAccount(a, target).id,
    a.scopes,
  );
  return {
    accessToken: access.value,
    expiresIn: Math.round((access.expiresAt - world.now()) / 1000),
    refreshToken: refresh.value,
    refreshTokenExpiresIn: Math.round((refresh.expiresAt - world.now()) / 1000),
  };
}

const mercuryFaultPath = (world: World, participantId: string) =>
  `${mercuryPath}/${participant(world, participantId).deviceUrl.split('/').pop()!}/*`;

function restoreMercury(deps: ControlDeps, participantId: string): void {
  const path = mercuryFaultPath(deps.world, participantId);
  for (const f of deps.faults.all()) if (f.path === path) deps.faults.remove(f.id);
}

/** Each operation's behaviour, by name: the one implementation every face calls. */
export const CONTROL_IMPLEMENTATIONS: { [K in OperationName]: Implementation<K> } = {
  reset: ({ server, world, faults, log }, options = {}) => {
    server.dropSockets();
    world.reset(options);
    faults.clear();
    log.clear();
  },
  configure: ({ world }, options) => world.configure(options),
  createOrg: ({ world }, name) => world.identity.createOrg(name),
  createServiceApp: (({ world }, input = {}) => {
    const org = input.orgId
      ? world.identity.org(input.orgId)
      : world.identity.createOrg(input.orgName);
    if (!org) throw notFound(`Unknown org ${input.orgId}`);
    const created = world.identity.createServiceApp({
      orgId: org.id,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.scopes !== undefined ? { scopes: input.scopes } : {}),
      ...(input.licenceLimit !== undefined ? { licenceLimit: input.licenceLimit } : {}),
    });
    const result: ProvisionedApp = {
      clientId: created.clientId,
      clientSecret: created.clientSecret,
      applicationId: created.applicationId,
      name: created.name,
      orgId: org.id,
      orgName: org.name,
      siteUrl: org.siteUrl,
      machineAccountEmail: world.identity.machineAccount(created, org.id).emails[0]!,
      licenceLimit: created.licenceLimit,
    };
    if (input.authorize === false) return result;
    return { ...result, tokens: authorize(world, created.clientId, org.id) };
    // The signature narrows the result by `authorize`; this body returns the matching shape.
  }) as Implementation<'createServiceApp'>,
  hasServiceApp: ({ world }, clientId) => world.identity.appByApplicationId(clientId) !== undefined,
  authorize: ({ world }, clientId, orgId) => authorize(world, clientId, orgId),
  deauthorize: ({ world }, clientId, orgId) => {
    const a = app(world, clientId);
    world.identity.deauthorize(a, orgId ?? a.ownerOrgId);
  },
  createUser: ({ world }, input) => {
    if (!world.identity.org(input.orgId)) throw notFound(`Unknown org ${input.orgId}`);
    const person = world.identity.createPerson({
      displayName: input.displayName,
      emails: [input.email],
      orgId: input.orgId,
      type: 'person',
      licensed: input.licensed ?? true,
    });
    const token = world.tokens.issueAccess(
      'user',
      input.orgId,
      person.id,
      ['spark:all', 'meeting:schedules_read', 'meeting:schedules_write'],
      world.options.accessTokenTtlSec,
    );
    return { personId: person.id, email: input.email, accessToken: token.value };
  },
  now: ({ world }) => world.now(),
  advanceClock: ({ world }, ms) => world.clock.advance(ms),
  expireToken: ({ world }, token) => world.tokens.expire(token),
  listFaults: ({ faults }) => faults.all(),
  addFault: ({ faults, server }, spec) => {
    if (typeof spec.path !== 'string' || !spec.path)
      throw badRequest('A fault needs a path glob, e.g. "/v1/meetings*".');
    const fault = faults.add(spec);
    if (spec.dropWebsockets) server.dropSockets((path) => globToRegExp(spec.path).test(path));
    return fault;
  },
  clearFaults: ({ faults }) => faults.clear(),
  removeFault: ({ faults }, id) => faults.remove(id),
  requests: ({ log }, filter = {}) => log.list(filter),
  clearRequests: ({ log }) => log.clear(),
  dropWebsockets: ({ server }) => server.dropSockets(),
  meetingState: ({ world, media }, id) => {
    const m = meeting(world, id);
    return {
      id: m.id,
      meetingNumber: m.meetingNumber,
      state: m.state,
      participants: world.meetings.activeParticipants(m).map((p) => ({
        id: p.id,
        personId: p.personId,
        name: p.name,
        isHost: p.isHost,
        inLobby: p.inLobby,
        state: p.state,
        media: media?.participant(p.id) ?? null,
      })),
      sharing: m.locus?.share?.disposition === 'GRANTED' ? m.locus.share.participantId : null,
    };
  },
  admit: ({ world }, id, participantIds) =>
    world.meetings.admit(meeting(world, id), participantIds),
  endMeeting: ({ world }, id) => {
    const m = meeting(world, id);
    world.meetings.end(m, m.hostUserId);
  },
  dropMedia: ({ world, media }, id) => {
    participant(world, id);
    return media?.drop(id) ?? false;
  },
  restoreMedia: ({ world, media }, id) => {
    participant(world, id);
    media?.restore(id);
  },
  dropMercury: (deps, id) => {
    restoreMercury(deps, id);
    const path = mercuryFaultPath(deps.world, id);
    return CONTROL_IMPLEMENTATIONS.addFault(deps, { path, dropWebsockets: true });
  },
  restoreMercury,
  captchaCode: ({ world }, id) => {
    const captcha = world.challenges.captcha(id);
    if (!captcha) throw notFound('No such captcha.');
    return captcha.code;
  },
  readJoinLink: ({ world }, link) => readJoinLink(world, link),
  clientLogs: ({ world }) => world.clientLogs.list(),
  prune: ({ world }) => world.prune(),
  webhooksIdle: ({ webhooks }) => webhooks?.idle() ?? Promise.resolve(),
};

/** The in-process control over one simulator's world. */
export function createControl(deps: ControlDeps): SimControl {
  const bound = Object.fromEntries(
    Object.entries(CONTROL_IMPLEMENTATIONS).map(([name, run]) => [
      name,
      (...args: unknown[]) => (run as (d: ControlDeps, ...a: unknown[]) => unknown)(deps, ...args),
    ]),
  ) as ControlApi;
  return bound;
}
