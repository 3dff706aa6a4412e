// Live mode: the same scenario tables run against real Webex when a Service
// App's credentials are in the environment, and against the simulator
// otherwise. This module decides which, says so once, and hands tests a
// target that looks the same either way.
import { Person, Sites, checkShape } from '@g2g/webex-spec/rest';
import type { Sim } from '../index';
import { httpCaller, type HttpCallOptions, type HttpCallResponse } from './http-call';

/** The environment variables live mode reads. Both must be set. */
export const LIVE_ENV = {
  /** A Service App access token for the org (developer portal, or the backend's store). */
  accessToken: 'G2G_LIVE_WEBEX_ACCESS_TOKEN',
  /** The org's guest-to-guest site, e.g. `acme-g2g.webex.com`. */
  siteUrl: 'G2G_LIVE_WEBEX_SITE_URL',
} as const;

/** Webex's public REST base: the only host live mode talks to. */
export const WEBEX_REST_BASE = 'https://webexapis.com/v1';

type Env = Record<string, string | undefined>;

/** What the environment asks for. Live only when every {@link LIVE_ENV} variable is set. */
export type LiveChoice =
  | { mode: 'live'; accessToken: string; siteUrl: string }
  | { mode: 'sim'; missing: string[]; partial: boolean };

/**
 * Live when, and only when, every variable of {@link LIVE_ENV} holds a
 * non-blank value; anything less (including some but not all) stays on the
 * simulator. Pure: every process of a run decides the same.
 */
export function liveChoice(env: Env = process.env): LiveChoice {
  const value = (name: string) => env[name]?.trim() || undefined;
  const names = Object.values(LIVE_ENV);
  const missing = names.filter((n) => value(n) === undefined);
  if (missing.length > 0) {
    return { mode: 'sim', missing, partial: missing.length < names.length };
  }
  return {
    mode: 'live',
    accessToken: value(LIVE_ENV.accessToken)!,
    siteUrl: value(LIVE_ENV.siteUrl)!
      .replace(/^https?:\/\//, '')
      .replace(/\/+$/, ''),
  };
}

/** The one line a run prints about live mode. Names variables, never their values. */
export function liveModeLine(choice: LiveChoice): string {
  if (choice.mode === 'live') {
    return `live mode: the REST and journey scenario tables run against real Webex (${WEBEX_REST_BASE}, site ${choice.siteUrl}).`;
  }
  return choice.partial
    ? `live mode skipped: ${choice.missing.join(' and ')} not set (all of ${Object.values(LIVE_ENV).join(', ')} are needed); the scenario tables run against webex-sim.`
    : `live mode skipped: set ${Object.values(LIVE_ENV).join(' and ')} to run the scenario tables against real Webex; they run against webex-sim.`;
}

// On globalThis: each Vitest project may load its own copy of this module
// into the same process, and the line must still come once.
const ANNOUNCED = Symbol.for('g2g.liveMode.announced');

/** Whether the line was printed; kept on `globalThis` unless a test passes its own. */
export interface AnnouncementState {
  announced?: boolean;
}
const processState: AnnouncementState = ((globalThis as { [ANNOUNCED]?: AnnouncementState })[
  ANNOUNCED
] ??= {});

/**
 * Prints {@link liveModeLine} once per process and returns the choice. The
 * repository's Vitest global setup calls it, so a whole run prints it once.
 */
export function announceLiveMode(
  env: Env = process.env,
  print: (line: string) => void = console.log,
  state: AnnouncementState = processState,
): LiveChoice {
  const choice = liveChoice(env);
  if (!state.announced) {
    state.announced = true;
    print(liveModeLine(choice));
  }
  return choice;
}

declare module 'vitest' {
  interface ProvidedContext {
    /** The run's live-mode decision (no secrets), for tests that cannot read the environment. */
    g2gLiveMode: 'sim' | 'live';
  }
}

/** A JSON call against the target's REST base, authorized as the Service App unless told otherwise. */
export type RestCall = (
  method: string,
  path: string,
  options?: HttpCallOptions & { as?: 'app' | 'nobody' },
) => Promise<HttpCallResponse>;

/** Where a scenario table runs: the same shape in both modes. */
export interface RestTarget {
  mode: 'sim' | 'live';
  /** `${sim.url}/v1` or {@link WEBEX_REST_BASE}. */
  restBase: string;
  /** The Service App's access token (Node only: never hand it to a browser). */
  token: string;
  call: RestCall;
  /** The org's guest-to-guest site. */
  siteUrl: string;
  /** The Service App's machine account: `hostEmail` for join links. */
  hostEmail: string;
  /** The target's clock, epoch ms (the simulator's may have been moved). */
  now(): number;
  /**
   * Where a webhook made by a scenario may point. The simulator only
   * delivers to loopback; Webex wants a public URL, so live scenarios get an
   * address under `.invalid` (RFC 2606) that no delivery can reach.
   */
  webhookTargetUrl: string;
  /** The simulator, in sim mode: its control API, discovery for the SDK, request log. */
  sim?: Sim;
  close(): Promise<void>;
}

export interface RestTargetOptions {
  env?: Env;
  /** Seed of the simulator in sim mode. */
  seed?: string;
  /**
   * The REST base live mode talks to. Only this package's own tests change
   * it (to run the live code path against a simulator); nothing reads it
   * from the environment, so a run cannot be pointed elsewhere by accident.
   */
  liveRestBase?: string;
}

/**
 * The target of a scenario table: real Webex when {@link liveChoice} says
 * live, else a fresh simulator (responses checked against the shared
 * schemas) with a provisioned, authorized Service App.
 */
export async function restTarget(options: RestTargetOptions = {}): Promise<RestTarget> {
  const choice = liveChoice(options.env);
  return choice.mode === 'live'
    ? liveTarget(choice, options.liveRestBase ?? WEBEX_REST_BASE)
    : simTarget(options.seed);
}

function caller(restBase: string, token: string): RestCall {
  const raw = httpCaller(restBase, { redirect: 'manual' });
  return (method, path, { as = 'app', ...rest } = {}) =>
    raw(method, path, { ...(as === 'app' ? { token } : {}), ...rest });
}

async function simTarget(seed: string | undefined): Promise<RestTarget> {
  // Imported here: a live run never starts (or loads) the simulator.
  const { startSim } = await import('../index');
  const sim = await startSim({ validateResponses: true, ...(seed ? { seed } : {}) });
  const app = sim.control.createServiceApp();
  const token = app.tokens!.accessToken;
  return {
    mode: 'sim',
    restBase: `${sim.url}/v1`,
    token,
    call: caller(`${sim.url}/v1`, token),
    siteUrl: app.siteUrl,
    hostEmail: app.machineAccountEmail,
    now: () => sim.control.now(),
    // Port 9 (discard): nothing listens, deliveries fail and are retried a few times.
    webhookTargetUrl: 'http://127.0.0.1:9/g2g-rest-table',
    sim,
    close: () => sim.close(),
  };
}

async function liveTarget(
  choice: Extract<LiveChoice, { mode: 'live' }>,
  restBase: string,
): Promise<RestTarget> {
  const call = caller(restBase, choice.accessToken);
  const me = await call('GET', '/people/me');
  if (me.status !== 200) {
    throw new Error(
      `live mode: GET /people/me answered ${me.status} with ${LIVE_ENV.accessToken}; is it a valid Service App token?`,
    );
  }
  const person = checkShape(Person, me.body);
  if (!person.ok) throw new Error(`live mode: /people/me: ${person.problems.join('; ')}`);
  const sites = await call('GET', '/meetingPreferences/sites');
  const listed = checkShape(Sites, sites.body);
  if (
    listed.ok &&
    !listed.data.sites.some((s) => s.siteUrl.toLowerCase() === choice.siteUrl.toLowerCase())
  ) {
    throw new Error(
      `live mode: ${LIVE_ENV.siteUrl}=${choice.siteUrl} is not one of the Service App's sites (${listed.data.sites.map((s) => s.siteUrl).join(', ')}).`,
    );
  }
  return {
    mode: 'live',
    restBase,
    token: choice.accessToken,
    call,
    siteUrl: choice.siteUrl,
    hostEmail: person.data.emails[0]!,
    now: () => Date.now(),
    webhookTargetUrl: 'https://g2g-live-rest-table.example.invalid/webhook',
    close: async () => {},
  };
}
