/**
 * `@g2g/backend`: the demo's thin HTTP server on `@g2g/service-app`.
 * `startBackend()` is the programmatic entry (tests, the demo's e2e runs);
 * `src/main.ts` is the command-line one.
 */
export {
  startBackend,
  type Backend,
  type StartBackendOptions,
  type WebexModeOptions,
} from './backend';
export { createApp, BODY_LIMIT, type AppDeps, type RateLimit } from './app';
export { loadConfig, ConfigError, DEMO_DEV_ORIGINS, type EnvConfig } from './config';
export { openApiDocument } from './openapi';
export type { JoinResult, ConsultationView, ParticipantLink } from './consultations';
export type { Store, ConsultationRecord } from './store/store';
