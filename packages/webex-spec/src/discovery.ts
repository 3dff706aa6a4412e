/*
 * Where the SDK discovers Webex's services, and how a local cloud lays the
 * same entry points out under one origin. The SDK takes them as
 * `config.services.discovery`; code that cannot be configured (the stock
 * widget builds its own SDK) only reads them from `process.env` when
 * webex-core's config module loads.
 */

/** `config.services.discovery` of the SDK. */
export interface ServiceDiscovery {
  /** The U2C service catalog, e.g. `https://u2c.wbx2.com/u2c/api/v1`. */
  u2c: string;
  /** Hydra, the public REST API (people/me). */
  hydra: string;
  /** The region lookup used on register. */
  sqdiscovery: string;
}

/** The paths, under one origin, at which a local cloud (the simulator) serves discovery. */
export const DISCOVERY_PATHS: Readonly<ServiceDiscovery> = {
  u2c: '/u2c/api/v1',
  hydra: '/v1',
  sqdiscovery: '/region',
};

/** Webex's own discovery URLs: webex-core's defaults (2.60.4 and 3.12). */
export const WEBEX_DISCOVERY: Readonly<ServiceDiscovery> = {
  u2c: 'https://u2c.wbx2.com/u2c/api/v1',
  hydra: 'https://api.ciscospark.com/v1',
  sqdiscovery: 'https://ds.ciscospark.com/v1/region',
};

/** The discovery URLs of a local cloud at `origin` (e.g. `http://127.0.0.1:8787`). */
export function discoveryFor(origin: string): ServiceDiscovery {
  const base = origin.replace(/\/+$/, '');
  return {
    u2c: `${base}${DISCOVERY_PATHS.u2c}`,
    hydra: `${base}${DISCOVERY_PATHS.hydra}`,
    sqdiscovery: `${base}${DISCOVERY_PATHS.sqdiscovery}`,
  };
}

/**
 * The `process.env` variables webex-core reads at module load instead of its
 * defaults. 2.60.4 (the stock widget's SDK) reads `U2C_SERVICE_URL` and
 * `HYDRA_SERVICE_URL`; 3.12 also `SQDISCOVERY_SERVICE_URL`.
 */
export const DISCOVERY_ENV = {
  u2c: 'U2C_SERVICE_URL',
  hydra: 'HYDRA_SERVICE_URL',
  sqdiscovery: 'SQDISCOVERY_SERVICE_URL',
} as const satisfies Record<keyof ServiceDiscovery, string>;

/** `{U2C_SERVICE_URL: …, HYDRA_SERVICE_URL: …, SQDISCOVERY_SERVICE_URL: …}` for a discovery. */
export function discoveryEnv(discovery: ServiceDiscovery): Record<string, string> {
  return {
    [DISCOVERY_ENV.u2c]: discovery.u2c,
    [DISCOVERY_ENV.hydra]: discovery.hydra,
    [DISCOVERY_ENV.sqdiscovery]: discovery.sqdiscovery,
  };
}
