import {
  canonicalOrgId,
  createServiceApp,
  LicenceMeter,
  WebhookReceiver,
  type HttpClientOptions,
  type ServiceApp,
} from '@g2g/service-app';
import { startSim, type Sim, type SimOptions } from '@g2g/webex-sim';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { createApp, DEFAULT_TIMEOUTS, type RateLimit, type Timeouts, type TrustProxy } from './app';
import { MemoryAttemptLimiter, type AttemptLimit } from './attempt-limiter';
import { Authenticator } from './auth';
import { Capabilities, WalkInPasses } from './capabilities';
import { DEMO_DEV_ORIGINS, invalidConfiguration } from './config';
import { Consultations } from './consultations';
import { deriveKey, loadOrCreateDevKeys, Sealer } from './crypto';
import { KEY_NAMES, webexKeyProblems } from './key-strength';
import { MemoryLiveFeed } from './live';
import { createLogger } from './logger';
import { OrgContext } from './org-context';
import { provisionSimApp, SIM_APP_SCOPES } from './sim-mode';
import { DatabaseHealth } from './db-health';
import { SharedAttemptLimiter, sharedRateLimitStore } from './shared-limits';
import { openStore } from './store/open-store';
import type { Store } from './store/store';
import { Tenants } from './tenants';
import { WebhookHandler } from './webhook-handler';
import { registerWebhooks } from './webhook-registration';

/** Webex-mode credentials and keys (from the environment in `main.ts`). */
export interface WebexModeOptions {
  clientId: string;
  clientSecret: string;
  applicationId?: string;
  webhookSecret: string;
  /** 32-byte key (base64) for tokens at rest and capability signing. */
  encryptionKey: string;
  /** The deployment admin: accepts orgs, issues their operator keys. */
  adminKey: string;
  /** The home org's operator key (needs `orgId`). */
  operatorKey?: string;
  /** The home org: accepted, and the one whose webhooks hear authorizations by other orgs. */
  orgId?: string;
  /** Initial tokens of the home org (both or none; otherwise the authorization webhook supplies them). */
  accessToken?: string;
  refreshToken?: string;
  siteUrl?: string;
  /** REST base; default `https://webexapis.com/v1`. */
  apiUrl?: string;
  /** This backend's public URL: when set, webhooks are registered to `${publicUrl}/webhooks/webex`. */
  publicUrl?: string;
}

/** Options of {@link startBackend}. Only `dataDir` is required (sim mode by default). */
export interface StartBackendOptions {
  mode?: 'sim' | 'webex';
  /** Port to listen on; 0 picks a free one. Default 8788. */
  port?: number;
  /** Loopback by default. */
  host?: string;
  /** Where the SQLite file (and in sim mode the dev keys) live. */
  dataDir: string;
  /**
   * `postgres://…`: keep everything in PostgreSQL instead of SQLite, so any
   * number of replicas share it (tokens, refresh lock, deliveries, meter,
   * tenants, rate limits). Replicas share their keys (webex mode: the same
   * environment; sim mode: the same `dataDir` for the dev keys).
   */
  databaseUrl?: string;
  /**
   * The deployment's public URL (a load balancer in front of the replicas):
   * webhooks are registered once, to `${publicUrl}/webhooks/webex`. Sim mode
   * defaults to this process's own URL; webex mode takes `webex.publicUrl`.
   */
  publicUrl?: string;
  /** Sim mode: a running simulator to use; without it one is started in-process. */
  simUrl?: string;
  /** Sim mode, in-process simulator only: its options (e.g. `licenceLimit`). */
  simOptions?: Partial<SimOptions>;
  /** Sim mode: how many customer orgs authorize the app (tenants); default 2. */
  simOrgs?: number;
  /** Concurrent meetings each tenant's licence allows; default: the provisioned app's (sim) or 10. */
  licenceLimit?: number;
  /** Orgs accepted as tenants as soon as they authorize (uuid or Hydra ids). */
  acceptedOrgs?: string[];
  /** Browser origins allowed by CORS; sim mode adds the demo's dev origins. */
  corsOrigins?: string[];
  /** Base of participant link URLs (`${joinBaseUrl}/join/<id>#<role>=<capability>`). */
  joinBaseUrl?: string;
  /** Global rate limit per client address; `false` turns it off. Default 600 per minute. */
  rateLimit?: RateLimit | false;
  /** `POST /api/guest-tokens` limit per client address; default 20 per minute. */
  guestTokenRateLimit?: RateLimit | false;
  /** `POST /webhooks/webex` limit per address; default 1,200 per minute. */
  webhookRateLimit?: RateLimit | false;
  /** Failed authentications per address before a lock-out; default 10 per minute. `false`: never. */
  authFailureLimit?: AttemptLimit | false;
  /** Whom to believe about client addresses (`X-Forwarded-For`); default `false`. */
  trustProxy?: TrustProxy;
  /** Slow-client bounds; defaults in {@link DEFAULT_TIMEOUTS}. */
  timeouts?: Partial<Timeouts>;
  /** Webhook deliveries dated older than this are refused; default 15 minutes. */
  webhookMaxAgeMs?: number;
  /** The whole of creating a consultation; default 20 s. */
  createTimeoutMs?: number;
  logLevel?: string;
  /** Where log lines go (default stdout). */
  logStream?: DestinationStream;
  /** Clock (epoch ms) for tokens, meeting times, links, lock-outs and webhook freshness; default `Date.now`. */
  now?: () => number;
  /** Refresh margin before token expiry; default 10 minutes. */
  refreshMarginMs?: number;
  /** Back-off after a failed refresh without `Retry-After`. */
  refreshBackoff?: { baseMs?: number; maxMs?: number };
  /** HTTP client tuning and hooks (e.g. `onCall` for benchmarks). */
  http?: Omit<HttpClientOptions, 'baseUrl' | 'logger'>;
  webex?: WebexModeOptions;
}

/** A tenant's operator key, as sim mode (or the configuration) made it. */
export interface KnownOperatorKey {
  orgId: string;
  name?: string;
  key: string;
}

/** A running backend. */
export interface Backend {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** The first tenant's operator key (`Authorization: Bearer <key>` on operator routes), if known. */
  operatorKey: string | undefined;
  /** Every operator key this backend was configured with (sim: one per simulated org). */
  operatorKeys: KnownOperatorKey[];
  /** The admin key (`/api/admin/*`). */
  adminKey: string;
  mode: 'sim' | 'webex';
  /** Sim mode: the simulator in use (in-process or `simUrl`). */
  simUrl?: string;
  /** Sim mode: the provisioned Service App's client id and its owner org. */
  simApp?: { clientId: string; orgId: string; siteUrl: string };
  /** Sim mode: the simulated orgs (tenants), the owner first. */
  simOrgs?: { orgId: string; name: string; siteUrl: string }[];
  app: FastifyInstance;
  serviceApp: ServiceApp;
  store: Store;
  close(): Promise<void>;
}

const RECONCILE_EVERY_MS = 5 * 60_000;
/** Delivery ids are kept far longer than the freshness window, for undated deliveries. */
const DELIVERY_RETENTION_MS = 7 * 24 * 3600_000;

/**
 * Starts the backend: storage, the Service App, the tenants, the HTTP server
 * and, in sim mode, a simulator (unless `simUrl` is given) with a Service App
 * authorized by `simOrgs` orgs and webhooks pointing back here. Used by
 * `main.ts`, the tests and the demo's end-to-end runs.
 */
export async function startBackend(options: StartBackendOptions): Promise<Backend> {
  const mode = options.mode ?? 'sim';
  const now = options.now ?? Date.now;
  const logger = createLogger(options.logLevel ?? 'info', options.logStream);
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  const simOrgCount = options.simOrgs ?? 2;

  try {
    const w = options.webex;
    if (mode === 'webex') {
      if (!w) throw new Error('webex mode needs the `webex` options (credentials and keys).');
      const problems = webexKeyProblems(w, KEY_NAMES.options);
      if (problems.length) throw invalidConfiguration(problems);
    }
    const dev = mode === 'sim' ? loadOrCreateDevKeys(options.dataDir, simOrgCount) : undefined;
    const keys = dev
      ? {
          encryptionKey: dev.encryptionKey,
          adminKey: dev.adminKey,
          webhookSecret: dev.webhookSecret,
        }
      : { encryptionKey: w!.encryptionKey, adminKey: w!.adminKey, webhookSecret: w!.webhookSecret };
    const master = Buffer.from(keys.encryptionKey, 'base64');
    const store = await openStore({
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      sealer: new Sealer(deriveKey(master, 'data at rest')),
    });
    cleanups.push(() => store.close());
    const health = new DatabaseHealth(store, {
      onChange: (up) =>
        up
          ? logger.info({ database: store.kind }, 'database reachable again')
          : logger.error({ database: store.kind }, 'database unreachable: answering 503'),
    });
    cleanups.push(() => health.close());

    let sim: Sim | undefined;
    let simUrl = options.simUrl?.replace(/\/+$/, '');
    if (mode === 'sim' && !simUrl) {
      sim = await startSim({ ...(options.simOptions ? { options: options.simOptions } : {}) });
      cleanups.push(() => sim!.close());
      simUrl = sim.url;
    }

    // One replica at a time sets the deployment up (provisioning, tenants, initial tokens):
    // the others find it done. Released before listening.
    const startup = await store.withLock('startup', async () => {
      let credentials: { clientId: string; clientSecret: string; applicationId?: string };
      let licenceLimit = options.licenceLimit;
      let provisioned: Awaited<ReturnType<typeof provisionSimApp>> | undefined;
      if (mode === 'sim') {
        provisioned = await provisionSimApp(store, simUrl!, {
          orgs: simOrgCount,
          ...(options.licenceLimit !== undefined ? { licenceLimit: options.licenceLimit } : {}),
        });
        credentials = provisioned.app;
        licenceLimit ??= provisioned.app.licenceLimit;
      } else {
        credentials = {
          clientId: w!.clientId,
          clientSecret: w!.clientSecret,
          ...(w!.applicationId ? { applicationId: w!.applicationId } : {}),
        };
      }

      const sa = createServiceApp({
        ...credentials,
        baseUrl: mode === 'sim' ? `${simUrl}/v1` : (w?.apiUrl ?? 'https://webexapis.com/v1'),
        ...(mode === 'sim'
          ? {
              instantConnect: {
                brokerUrl: `${simUrl}/mtg-broker`,
                linkBase: `${simUrl}/mtg-broker`,
              },
            }
          : {}),
        tokenStore: store.tokens,
        // One refresh per org across replicas: the token manager re-reads the row under it.
        refreshLock: { run: (orgId, fn) => store.withLock(`refresh:${orgId}`, fn) },
        logger: logger.child({ component: 'service-app' }),
        now,
        ...(options.refreshMarginMs !== undefined
          ? { refreshMarginMs: options.refreshMarginMs }
          : {}),
        ...(options.refreshBackoff ? { refreshBackoff: options.refreshBackoff } : {}),
        ...(options.http ? { http: options.http } : {}),
      });

      const org = new OrgContext(sa);
      const meterLimit = { get: (_site: string) => licenceLimit ?? 10 };
      const meter = new LicenceMeter({
        limit: (site) => meterLimit.get(site),
        now,
        store: store.meter,
      });
      const homeOrgId =
        mode === 'sim' ? provisioned!.orgs[0]!.orgId : w?.orgId && canonicalOrgId(w.orgId);
      const publicUrl = {
        value: (options.publicUrl ?? (mode === 'webex' ? w?.publicUrl : undefined))?.replace(
          /\/+$/,
          '',
        ),
      };

      // A tenant that became usable: its webhooks here, its caches warm, its meter reconciled.
      const ready = async (orgId: string) => {
        if (publicUrl.value) {
          const target = `${publicUrl.value}/webhooks/webex`;
          await store.withLock(`webhooks:${orgId}`, () =>
            registerWebhooks(sa, orgId, target, keys.webhookSecret, {
              home: !homeOrgId || orgId === homeOrgId,
            }),
          );
        }
        await org.warm(orgId);
        await reconcile(orgId);
      };
      const reconcile = async (orgId: string) => {
        const site = await org.siteUrl(orgId);
        await meter.reconcile(site, await sa.meetings.listInProgress(orgId, site));
      };
      const tenants = new Tenants({
        store,
        sa,
        logger: logger.child({ component: 'tenants' }),
        now,
        allowlist: [...(options.acceptedOrgs ?? []), ...(homeOrgId ? [homeOrgId] : [])],
        defaultLicenceLimit: licenceLimit ?? 10,
        keyMacKey: deriveKey(master, 'operator keys'),
        onReady: ready,
      });
      meterLimit.get = (site) => tenants.limitFor(site);
      await tenants.load();

      const operatorKeys: Backend['operatorKeys'] = [];
      if (provisioned) {
        for (const stale of provisioned.staleOrgIds) {
          if (provisioned.orgs.some((o) => o.orgId === stale)) continue;
          // A previous simulator's org: gone with its world.
          await sa.tokens.forget(stale);
          if (await tenants.get(stale)) await tenants.refuse(stale);
        }
        for (const [i, o] of provisioned.orgs.entries()) {
          org.hint(o.orgId, {
            siteUrl: o.siteUrl,
            ...(o.machineAccountEmail ? { machineAccountEmail: o.machineAccountEmail } : {}),
          });
          await tenants.ensureAccepted(o.orgId, {
            name: o.name,
            siteUrl: o.siteUrl,
            scopes: SIM_APP_SCOPES,
            decidedBy: 'sim',
          });
          if (o.tokens) {
            await sa.tokens.adopt(
              o.orgId,
              {
                access_token: o.tokens.accessToken,
                expires_in: o.tokens.expiresIn,
                refresh_token: o.tokens.refreshToken,
                refresh_token_expires_in: o.tokens.refreshTokenExpiresIn,
              },
              { siteUrl: o.siteUrl, scopes: SIM_APP_SCOPES },
            );
          }
          const key = dev!.operatorKeys[i]!;
          await tenants.registerKey(o.orgId, key, `dev key (${o.name})`);
          operatorKeys.push({ orgId: o.orgId, name: o.name, key });
        }
      }
      if (mode === 'webex' && homeOrgId) {
        await tenants.ensureAccepted(homeOrgId, {
          ...(w!.siteUrl ? { siteUrl: w!.siteUrl } : {}),
          decidedBy: 'configured',
        });
        if (w!.siteUrl) org.hint(homeOrgId, { siteUrl: w!.siteUrl });
        if (w!.operatorKey) {
          await tenants.registerKey(homeOrgId, w!.operatorKey, 'G2G_OPERATOR_KEY');
          operatorKeys.push({ orgId: homeOrgId, key: w!.operatorKey });
        }
        if (
          w!.accessToken &&
          w!.refreshToken &&
          (await sa.tokens.status(homeOrgId)).state === 'not-authorized'
        ) {
          // Expiry of configured tokens is unknown: treat them as due soon so they rotate early.
          await sa.tokens.adopt(
            homeOrgId,
            {
              access_token: w!.accessToken,
              expires_in: 3600,
              refresh_token: w!.refreshToken,
              refresh_token_expires_in: 14 * 24 * 3600,
            },
            w!.siteUrl ? { siteUrl: w!.siteUrl } : {},
          );
        }
      }

      return {
        sa,
        org,
        meter,
        tenants,
        operatorKeys,
        provisioned,
        licenceLimit,
        homeOrgId,
        ready,
        reconcile,
        publicUrl,
      };
    });
    const { sa, org, meter, tenants, operatorKeys, provisioned, ready, reconcile, publicUrl } =
      startup;

    const live = new MemoryLiveFeed();
    const joinBaseUrl = (options.joinBaseUrl ?? 'http://127.0.0.1:5173').replace(/\/+$/, '');
    const consultations = new Consultations({
      sa,
      store,
      meter,
      caps: new Capabilities(deriveKey(master, 'capabilities'), now),
      org,
      live,
      logger: logger.child({ component: 'consultations' }),
      now,
      joinBaseUrl,
      createTimeoutMs: options.createTimeoutMs ?? 20_000,
    });
    const failureLimit = options.authFailureLimit ?? { max: 10, windowMs: 60_000 };
    const auth = new Authenticator({
      tenants,
      adminKey: keys.adminKey,
      limiter: (() => {
        const limit =
          failureLimit === false
            ? { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 }
            : failureLimit;
        return store.counters
          ? new SharedAttemptLimiter(store.counters, limit, now)
          : new MemoryAttemptLimiter(limit, now);
      })(),
      now,
    });
    const closers: (() => void)[] = [];
    const app = await createApp({
      mode,
      sa,
      meter,
      tenants,
      consultations,
      receiver: new WebhookReceiver({
        secret: keys.webhookSecret,
        deliveries: store.deliveries,
        now,
        ...(options.webhookMaxAgeMs !== undefined ? { maxAgeMs: options.webhookMaxAgeMs } : {}),
      }),
      webhooks: new WebhookHandler({
        sa,
        tenants,
        meter,
        store,
        live,
        logger: logger.child({ component: 'webhooks' }),
        now,
      }),
      auth,
      passes: new WalkInPasses(deriveKey(master, 'walk-in passes'), now),
      live,
      logger,
      now,
      joinBaseUrl,
      corsOrigins: [...(options.corsOrigins ?? []), ...(mode === 'sim' ? DEMO_DEV_ORIGINS : [])],
      rateLimit: options.rateLimit ?? { max: 600, timeWindow: 60_000 },
      guestTokenRateLimit: options.guestTokenRateLimit ?? { max: 20, timeWindow: 60_000 },
      webhookRateLimit: options.webhookRateLimit ?? { max: 1_200, timeWindow: 60_000 },
      trustProxy: options.trustProxy ?? false,
      timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
      onClose: (fn) => closers.push(fn),
      store,
      health,
      ...(store.counters ? { rateLimitStore: sharedRateLimitStore(store.counters) } : {}),
    });
    cleanups.push(() => app.close());
    // Open event streams would hold the close forever: end them first.
    cleanups.push(() => {
      for (const c of closers.splice(0)) c();
    });
    await app.listen({
      port: options.port ?? 8788,
      host: options.host ?? '127.0.0.1',
      // A burst of connections (1,000 joins at once) overflows Node's default
      // accept queue of 511 while the loop is busy, and the kernel resets the
      // excess; the OS caps this at net.core.somaxconn.
      backlog: 4096,
    });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
    if (mode === 'sim') publicUrl.value ??= url;

    for (const t of await tenants.accepted()) {
      try {
        await ready(t.orgId);
      } catch (error) {
        // Not authorized yet (webex mode) or re-authorization needed: its status says so; keep serving.
        logger.warn({ orgId: t.orgId, err: error }, 'start-up checks of a tenant incomplete');
      }
    }
    const timer = setInterval(() => {
      void (async () => {
        for (const t of await tenants.accepted()) {
          await reconcile(t.orgId).catch((error: unknown) =>
            logger.warn({ orgId: t.orgId, err: error }, 'licence reconciliation failed'),
          );
        }
        await store.deliveries.prune(now() - DELIVERY_RETENTION_MS);
        await store.counters?.prune(Date.now() - 24 * 3600_000);
      })().catch(() => undefined);
    }, RECONCILE_EVERY_MS);
    timer.unref();
    cleanups.push(() => clearInterval(timer));

    const first = provisioned?.orgs[0];
    return {
      url,
      operatorKey: operatorKeys[0]?.key,
      operatorKeys,
      adminKey: keys.adminKey,
      mode,
      ...(simUrl ? { simUrl } : {}),
      ...(provisioned && first
        ? {
            simApp: {
              clientId: provisioned.app.clientId,
              orgId: first.orgId,
              siteUrl: first.siteUrl,
            },
            simOrgs: provisioned.orgs.map((o) => ({
              orgId: o.orgId,
              name: o.name,
              siteUrl: o.siteUrl,
            })),
          }
        : {}),
      app,
      serviceApp: sa,
      store,
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
