// Programs that compile this source through the `@g2g/source` condition (the
// apps, Storybook) do not include this package's ambient files: point at it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- see above
/// <reference path="./webex-module.d.ts" />
/*
 * The client's engine side (loaded lazily): token, SDK loading, init,
 * registration and renewal.
 */
import { isWebexTokenFormat } from '@g2g/webex-spec';
import { resolveToken, toSdkCredentials, type AccessTokenValue, type ResolvedToken } from './auth';
import type { MeetingClientOptions } from './client';
import { guardDataChannel, retire, type DataChannelGuard } from './data-channel';
import { JoinError } from './errors';
import { toJoinError } from './errors-map';
import type { SdkModule, SdkWebex } from './sdk-types';
import { withTimeout, type JoinTimeouts } from './timeout';

type Init = SdkModule['init'];

function initOf(mod: unknown): Init | undefined {
  // `webex` is CommonJS: bundlers expose it as the default export, sometimes twice over.
  for (let m = mod as { init?: unknown; default?: unknown } | undefined, i = 0; m && i < 3; i++) {
    if (typeof m.init === 'function') return m.init.bind(m) as Init;
    m = m.default as typeof m;
  }
  return undefined;
}

let defaultSdk: Promise<unknown> | undefined;

/**
 * The default SDK, `webex/meetings` (the meetings-only build: no calling or
 * contact-center plugins), imported once. Marks `g2g:sdk-import` in the
 * performance timeline so a page can see what the import cost.
 */
export function loadDefaultSdk(): Promise<unknown> {
  if (defaultSdk) return defaultSdk;
  const perf = globalThis.performance;
  perf?.mark?.('g2g:sdk-import:start');
  return (defaultSdk = import('webex/meetings').then(
    (mod) => {
      perf?.measure?.('g2g:sdk-import', 'g2g:sdk-import:start');
      return mod;
    },
    (error: unknown) => {
      defaultSdk = undefined;
      throw error;
    },
  ));
}

const isInstance = (sdk: unknown): sdk is SdkWebex =>
  !!sdk && typeof sdk === 'object' && 'meetings' in sdk;

/** The engine of a client: one SDK instance, connected once. */
export interface ClientEngine {
  connect(): Promise<SdkWebex>;
  renewToken(): Promise<void>;
  tokenExpired(): boolean;
  /** Closes the data channels of an SDK this engine created, then unregisters the device if it registered it. */
  unregister(): Promise<void>;
}

/** Creates the engine of a client (see `createMeetingClient` for the token handling). */
export function createClientEngine(
  options: MeetingClientOptions,
  timeouts: JoinTimeouts,
): ClientEngine {
  const renewable = !!options.getAccessToken;
  let token: ResolvedToken | undefined;
  let webex: SdkWebex | undefined;
  let registeredByUs = false;
  // Only an SDK instance this engine created is torn down by it.
  let created: { webex: SdkWebex; dataChannel: DataChannelGuard } | undefined;

  const tokenExpired = () => token?.expiresAt !== undefined && token.expiresAt <= Date.now();

  async function freshToken(): Promise<ResolvedToken> {
    const value = options.getAccessToken ? await options.getAccessToken() : options.accessToken;
    return (token = resolveToken(value as AccessTokenValue));
  }

  function sdkConfig(): Record<string, unknown> {
    const extra = (options.config ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const config: Record<string, unknown> = { ...extra };
    // Both SDK versions ship with media reconnection off; Webex's own clients
    // turn it on. On, a dropped media path is renegotiated (ICE restart) and
    // the session shows `reconnecting` meanwhile, instead of silent video.
    const meetings = extra.meetings ?? {};
    config.meetings = {
      ...meetings,
      reconnection: { enabled: true, ...(meetings.reconnection as object | undefined) },
    };
    if (options.discovery)
      config.services = { ...extra.services, discovery: { ...options.discovery } };
    if (renewable) {
      config.credentials = {
        ...extra.credentials,
        // The SDK calls this on a 401 (then replays the request) and shortly before expiry.
        refreshCallback: async () => toSdkCredentials(await freshToken(), true),
      };
    }
    return config;
  }

  async function load(): Promise<SdkWebex> {
    const sdk = options.sdk;
    if (isInstance(sdk)) return sdk;
    const t = await freshToken();
    // The SDK's own check, done before loading 5 MB of SDK to fail it.
    if (!isWebexTokenFormat(t.value)) {
      throw new JoinError('token-invalid', 'This access token is not in a format Webex accepts.');
    }
    const init =
      initOf(sdk) ??
      initOf(
        typeof sdk === 'function'
          ? await (sdk as () => Promise<unknown>)()
          : await loadDefaultSdk(),
      );
    if (!init) throw new JoinError('unknown', 'The Webex SDK module has no init().');
    const instance = init({ credentials: toSdkCredentials(t, renewable), config: sdkConfig() });
    created = { webex: instance, dataChannel: guardDataChannel(instance) };
    return instance;
  }

  async function open(): Promise<SdkWebex> {
    const instance = await load();
    // A refused token or unreachable catalog leaves the SDK never ready: the timeout ends that.
    if (!instance.ready && instance.once)
      await new Promise((resolve) => instance.once!('ready', resolve));
    if (!instance.meetings.registered) {
      await instance.meetings.register();
      registeredByUs = true;
    }
    return (webex = instance);
  }

  return {
    tokenExpired,
    connect: () =>
      withTimeout(open(), timeouts.connecting, 'connecting').catch((error: unknown) => {
        throw toJoinError(error, { tokenExpired: tokenExpired() });
      }),
    async renewToken() {
      if (!renewable) return;
      const credentials = webex?.credentials;
      if (credentials?.refresh && credentials.canRefresh !== false) await credentials.refresh();
      else await freshToken();
    },
    async unregister() {
      // The data channels first: one still opening would re-register the device.
      const own = created;
      created = undefined;
      if (own)
        await withTimeout(own.dataChannel.close(), timeouts.leaving, 'leaving').catch(() => {});
      if (webex && registeredByUs) {
        registeredByUs = false;
        await withTimeout(webex.meetings.unregister(), timeouts.leaving, 'leaving').catch(() => {});
      }
      if (own) retire(own.webex);
    },
  };
}
