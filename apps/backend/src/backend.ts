import {
  createServiceApp,
  LicenceMeter,
  WebhookReceiver,
  type HttpClientOptions,
  type ServiceApp,
} from '@g2g/service-app';
import { startSim, type Sim, type SimOptions } from '@g2g/webex-sim';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { createApp, type RateLimit } from './app';
import { Capabilities } from './capabilities';
import { DEMO_DEV_ORIGINS } from './config';
import { Consultations } from './consultations';
import { deriveKey, loadOrCreateDevKeys, Sealer } from './crypto';
import { createLogger } from './logger';
import { OrgContext } from './org-context';
import { provisionSimApp, SIM_APP_SCOPES } from './sim-mode';
import { SqliteStore } from './store/sqlite-store';
import { registerWebhooks } from './webhook-registration';

/** Webex-mode credentials and keys (from the environment in `main.ts`). */
export interface WebexModeOptions {
  clientId: string;
  clientSecret: string;
  applicationId?: string;
  webhookSecret: string;
  /** 32-byte key (base64) for tokens at rest and capability signing. */
  encryptionKey: string;
  operatorKey: string;
  /** Initial tokens (all three or none; otherwise the authorization webhook supplies them). */
  orgId?: string;
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
  /** Sim mode: a running simulator to use; without it one is started in-process. */
  simUrl?: string;
  /** Sim mode, in-process simulator only: its options (e.g. `licenceLimit`). */
  simOptions?: Partial<SimOptions>;
  /** Concurrent meetings the licence allows; default: the provisioned app's (sim) or 10. */
  licenceLimit?: number;
  /** Browser origins allowed by CORS; sim mode adds the demo's dev origins. */
  corsOrigins?: string[];
  /** Base of participant link URLs (`${joinBaseUrl}/join/<id>#<role>=<capability>`). */
  joinBaseUrl?: string;
  /** Global rate limit per client IP; `false` turns it off. Default 600 per minute. */
  rateLimit?: RateLimit | false;
  /** `POST /api/guest-tokens` limit per client IP; default 20 per minute. */
  guestTokenRateLimit?: RateLimit | false;
  logLevel?: string;
  /** Where log lines go (default stdout). */
  logStream?: DestinationStream;
  /** Clock (epoch ms) for token expiry, meeting times and links; default `Date.now`. */
  now?: () => number;
  /** Refresh margin before token expiry; default 10 minutes. */
  refreshMarginMs?: number;
  /** HTTP client tuning and hooks (e.g. `onCall` for benchmarks). */
  http?: Omit<HttpClientOptions, 'baseUrl' | 'logger'>;
  webex?: WebexModeOptions;
}

/** A running backend. */
export interface Backend {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** The operator API key (`Authorization: Bearer <key>` on operator routes). */
  operatorKey: string;
  mode: 'sim' | 'webex';
  /** Sim mode: the simulator in use (in-process or `simUrl`). */
  simUrl?: string;
  /** Sim mode: the provisioned Service App's client id and org. */
  simApp?: { clientId: string; orgId: string; siteUrl: string };
  app: FastifyInstance;
  serviceApp: ServiceApp;
  close(): Promise<void>;
}

const RECONCILE_EVERY_MS = 5 * 60_000;

/**
 * Starts the backend: storage, the Service App, the HTTP server and, in sim
 * mode, a simulator (unless `simUrl` is given) with an authorized Service App
 * and webhooks pointing back here. Used by `main.ts`, the tests and the
 * demo's end-to-end runs.
 */
export async function startBackend(options: StartBackendOptions): Promise<Backend> {
  const mode = options.mode ?? 'sim';
  const now = options.now ?? Date.now;
  const logger = createLogger(options.logLevel ?? 'info', options.logStream);
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c();
  };

  try {
    const keys =
      mode === 'sim'
        ? loadOrCreateDevKeys(options.dataDir)
        : {
            encryptionKey: required(options.webex).encryptionKey,
            operatorKey: required(options.webex).operatorKey,
            webhookSecret: required(options.webex).webhookSecret,
          };
    const master = Buffer.from(keys.encryptionKey, 'base64');
    const store = new SqliteStore(options.dataDir, new Sealer(deriveKey(master, 'data at rest')));
    cleanups.push(() => store.close());

    let sim: Sim | undefined;
    let simUrl = options.simUrl?.replace(/\/+$/, '');
    if (mode === 'sim' && !simUrl) {
      sim = await startSim({ ...(options.simOptions ? { options: options.simOptions } : {}) });
      cleanups.push(() => sim!.close());
      simUrl = sim.url;
    }

    let credentials: { clientId: string; clientSecret: string; applicationId?: string };
    let hints: { orgId?: string; siteUrl?: string; machineAccountEmail?: string } = {};
    let licenceLimit = options.licenceLimit;
    let simApp: Awaited<ReturnType<typeof provisionSimApp>> | undefined;
    if (mode === 'sim') {
      simApp = await provisionSimApp(store, simUrl!, {
        ...(options.licenceLimit !== undefined ? { licenceLimit: options.licenceLimit } : {}),
      });
      const a = simApp.app;
      credentials = a;
      hints = { orgId: a.orgId, siteUrl: a.siteUrl, machineAccountEmail: a.machineAccountEmail };
      licenceLimit ??= a.licenceLimit;
    } else {
      const w = required(options.webex);
      credentials = {
        clientId: w.clientId,
        clientSecret: w.clientSecret,
        ...(w.applicationId ? { applicationId: w.applicationId } : {}),
      };
      hints = {
        ...(w.orgId ? { orgId: w.orgId } : {}),
        ...(w.siteUrl ? { siteUrl: w.siteUrl } : {}),
      };
    }

    const sa = createServiceApp({
      ...credentials,
      baseUrl:
        mode === 'sim' ? `${simUrl}/v1` : (options.webex?.apiUrl ?? 'https://webexapis.com/v1'),
      ...(mode === 'sim'
        ? {
            instantConnect: { brokerUrl: `${simUrl}/mtg-broker`, linkBase: `${simUrl}/mtg-broker` },
          }
        : {}),
      tokenStore: store.tokens,
      logger: logger.child({ component: 'service-app' }),
      now,
      ...(options.refreshMarginMs !== undefined
        ? { refreshMarginMs: options.refreshMarginMs }
        : {}),
      ...(options.http ? { http: options.http } : {}),
    });

    if (simApp?.staleOrgId && simApp.staleOrgId !== simApp.app.orgId) {
      await sa.tokens.forget(simApp.staleOrgId);
    }
    if (simApp?.fresh && simApp.app.tokens) {
      const t = simApp.app.tokens;
      await sa.tokens.adopt(
        simApp.app.orgId,
        {
          access_token: t.accessToken,
          expires_in: t.expiresIn,
          refresh_token: t.refreshToken,
          refresh_token_expires_in: t.refreshTokenExpiresIn,
        },
        { siteUrl: simApp.app.siteUrl, scopes: SIM_APP_SCOPES },
      );
    }
    const w = options.webex;
    if (mode === 'webex' && w?.orgId && w.accessToken && w.refreshToken) {
      if ((await sa.tokens.status(w.orgId)).state === 'not-authorized') {
        // Expiry of configured tokens is unknown: treat them as due soon so they rotate early.
        await sa.tokens.adopt(
          w.orgId,
          {
            access_token: w.accessToken,
            expires_in: 3600,
            refresh_token: w.refreshToken,
            refresh_token_expires_in: 14 * 24 * 3600,
          },
          w.siteUrl ? { siteUrl: w.siteUrl } : {},
        );
      }
    }

    const meter = new LicenceMeter({ limit: licenceLimit ?? 10, now });
    const org = new OrgContext(sa, hints);
    const consultations = new Consultations({
      sa,
      store,
      meter,
      caps: new Capabilities(deriveKey(master, 'capabilities'), now),
      org,
      now,
      joinBaseUrl: (options.joinBaseUrl ?? 'http://127.0.0.1:5173').replace(/\/+$/, ''),
    });
    const corsOrigins = [
      ...(options.corsOrigins ?? []),
      ...(mode === 'sim' ? DEMO_DEV_ORIGINS : []),
    ];
    const app = await createApp({
      mode,
      sa,
      meter,
      org,
      consultations,
      receiver: new WebhookReceiver({ secret: keys.webhookSecret }),
      operatorKey: keys.operatorKey,
      logger,
      corsOrigins,
      rateLimit: options.rateLimit ?? { max: 600, timeWindow: 60_000 },
      guestTokenRateLimit: options.guestTokenRateLimit ?? { max: 20, timeWindow: 60_000 },
    });
    cleanups.push(() => app.close());
    await app.listen({ port: options.port ?? 8788, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

    const reconcile = async () => {
      try {
        const orgId = await org.orgId();
        const site = await org.siteUrl(orgId);
        meter.reconcile(site, await sa.meetings.listInProgress(orgId, site));
      } catch (error) {
        logger.warn({ err: error }, 'licence reconciliation failed');
      }
    };
    const publicUrl = mode === 'sim' ? url : w?.publicUrl;
    try {
      const orgId = await org.orgId();
      if (publicUrl) {
        await registerWebhooks(sa, orgId, `${publicUrl}/webhooks/webex`, keys.webhookSecret);
      }
      await org.warm();
      await reconcile();
    } catch (error) {
      // Not authorized yet (webex mode) or re-authorization needed: status shows it; keep serving.
      logger.warn({ err: error }, 'start-up checks incomplete');
    }
    const timer = setInterval(() => void reconcile(), RECONCILE_EVERY_MS);
    timer.unref();
    cleanups.push(() => clearInterval(timer));

    return {
      url,
      operatorKey: keys.operatorKey,
      mode,
      ...(simUrl ? { simUrl } : {}),
      ...(simApp
        ? {
            simApp: {
              clientId: simApp.app.clientId,
              orgId: simApp.app.orgId,
              siteUrl: simApp.app.siteUrl,
            },
          }
        : {}),
      app,
      serviceApp: sa,
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function required<T>(value: T | undefined): T {
  if (!value) throw new Error('webex mode needs the `webex` options (credentials and keys).');
  return value;
}
