/**
 * `@g2g/backend`: the demo's thin HTTP server on `@g2g/service-app`.
 * `startBackend()` is the programmatic entry (tests, the demo's e2e runs);
 * `src/main.ts` is the command-line one.
 */
export {
  startBackend,
  type Backend,
  type KnownOperatorKey,
  type StartBackendOptions,
  type WebexModeOptions,
} from './backend';
export {
  createApp,
  BODY_LIMIT,
  DEFAULT_TIMEOUTS,
  type AppDeps,
  type RateLimit,
  type Timeouts,
  type TrustProxy,
} from './app';
export { loadConfig, ConfigError, DEMO_DEV_ORIGINS, type EnvConfig } from './config';
export { openApiDocument } from './openapi';
export type * from './contract';
export { ROUTES } from './contract';
export type { Store, ConsultationRecord, TenantRecord } from './store/store';
