import { discoveryFor, type ServiceDiscovery } from '@g2g/webex-spec';
import { createControl, type SimControl } from './control/control';
import { isLoopbackHost } from './loopback';
import type { Router } from './http/router';
import { controlRoutes } from './control/routes';
import { Faults } from './faults';
import {
  ResponseChecker,
  describeViolation,
  validationFromEnv,
  type ResponseViolation,
} from './http/response-check';
import { RequestLog } from './requestLog';
import { restRoutes } from './rest';
import { sdkFace } from './sdk';
import { SimServer } from './server';
import { WebhookDelivery } from './webhooks/delivery';
import type { SimOptions } from './world/options';
import { World } from './world/world';
import { registerWorld } from './world/registry';

export interface StartSimOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Loopback address to bind; the simulator never listens beyond this machine. */
  host?: string;
  /** Seeds every id, number, password and token for repeatable runs. */
  seed?: string | number;
  /** Behaviour settings (captcha threshold, licence limit, token lifetimes…). */
  options?: Partial<SimOptions>;
  /**
   * Hold every REST answer to the shared schemas of `@g2g/webex-spec/rest`
   * (strictly: no field the spec lacks). A violating answer becomes a 500
   * naming the problem, is printed, and makes `close()` reject. Default:
   * the `WEBEX_SIM_VALIDATE_RESPONSES` environment variable (`1` = on),
   * which the repository's Vitest config sets for every test run.
   */
  validateResponses?: boolean;
}

/** A running simulator. */
export interface Sim {
  /** Base URL, e.g. `http://127.0.0.1:8787`. REST lives at `${url}/v1`. */
  url: string;
  /** In-process control; the same operations as `/_sim/*`. */
  control: SimControl;
  /** SDK configuration that points the real `webex` SDK at this simulator. */
  discovery: ServiceDiscovery;
  /** Whether REST answers are checked against the shared schemas. */
  validatesResponses: boolean;
  /** REST answers that broke the shared schemas so far (reset() keeps them). */
  responseViolations(): readonly ResponseViolation[];
  /** Stops the simulator; rejects afterwards when any REST answer broke the schemas. */
  close(): Promise<void>;
}

/**
 * Starts a local Webex cloud: the REST API (`/v1`), the SDK's cloud protocol
 * and the `/_sim` control API, on one loopback port.
 */
export async function startSim(options: StartSimOptions = {}): Promise<Sim> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(`webex-sim only listens on loopback; ${host} is not a loopback address.`);
  }
  const world = new World(options.seed, options.options);
  const faults = new Faults();
  const log = new RequestLog();
  const routers: Router[] = [];
  const sdk = sdkFace(world);
  const validatesResponses = options.validateResponses ?? validationFromEnv();
  const checker = validatesResponses
    ? new ResponseChecker(world.options.instantConnectBase)
    : undefined;
  const server = new SimServer({
    world,
    routers,
    faults,
    log,
    upgrades: sdk.upgrades,
    ...(checker ? { checker } : {}),
  });
  const webhooks = new WebhookDelivery(world).start();
  const deps = { world, faults, log, server, webhooks, media: sdk.media };
  const control = createControl(deps);
  routers.push(controlRoutes(deps), restRoutes(world), sdk.router);

  const url = await server.listen(options.port ?? 0, host);
  sdk.locus.setBaseUrl(url);
  const pruneTimer = setInterval(() => world.prune(), 60_000);
  pruneTimer.unref();

  const sim: Sim = {
    url,
    control,
    discovery: discoveryFor(url),
    validatesResponses,
    responseViolations: () => [...(checker?.violations ?? [])],
    async close() {
      clearInterval(pruneTimer);
      webhooks.stop();
      sdk.media.close();
      sdk.presence.close();
      await server.close();
      if (checker?.violations.length) {
        throw new Error(
          `webex-sim at ${url}: ${checker.violations.length} REST answer(s) broke the Webex REST spec:\n` +
            checker.violations.map((v) => `  ${describeViolation(v)}`).join('\n'),
        );
      }
    },
  };
  registerWorld(sim, world);
  return sim;
}

export type { SimControl } from './control/control';
export { joinOverHttp } from './testing/participant';
export type {
  HeadlessParticipant,
  JoinOverHttpInput,
  LocusDto,
  LocusPush,
  MediaOffer,
} from './testing/participant';
export { httpCaller } from './testing/http-call';
export type { HttpCallOptions, HttpCallResponse } from './testing/http-call';
export type {
  AppTokens,
  ControlApi,
  CreateServiceAppInput,
  CreateUserInput,
  ProvisionedApp,
  SimMeetingState,
  SimOrg,
  SimUser,
} from './control/operations';
export type { FaultSpec, Fault } from './faults';
export type { LoggedRequest } from './requestLog';
export type { SimOptions } from './world/options';
export type { JoinLinkClaims } from './rest/joinLinks';
export type { ResponseViolation } from './http/response-check';
export { VALIDATE_ENV } from './http/response-check';
export { DEFAULT_OPTIONS } from './world/options';
export { G2G_SCOPES } from './world/scopes';
export { SDK_HARD_CODED_URLS, isSdkHardCodedUrl } from './sdk/hard-coded-urls';
export type { HardCodedUrl } from './sdk/hard-coded-urls';
