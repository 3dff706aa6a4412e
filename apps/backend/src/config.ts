import { z } from 'zod';
import { KEY_NAMES, webexKeyProblems } from './key-strength';
import { isPostgresUrl } from './store/open-store';

/** Demo SPA dev origins, allowed by default in sim mode. */
export const DEMO_DEV_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0–65535')
  .max(65535, 'must be 0–65535');

const origins = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ error: 'must be a comma-separated list of origins' })));

/** `false`, `true`, a hop count, or comma-separated proxy addresses/CIDRs (Fastify's `trustProxy`). */
const trustProxy = z.string().transform((s, ctx): boolean | number | string[] => {
  const v = s.trim();
  if (v === 'false' || v === '') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  if (!list.every((x) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(x) || x === 'loopback')) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be false, true, a hop count, or comma-separated proxy IPs/CIDRs',
    });
    return z.NEVER;
  }
  return list;
});

const orgList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9+/=_-]{8,200}$/, 'must be org ids, comma-separated')));

const common = {
  PORT: port.default(8788),
  HOST: z.string().default('127.0.0.1'),
  G2G_DATA_DIR: z.string({ error: 'is required (where the SQLite file and dev keys live)' }).min(1),
  G2G_CORS_ORIGINS: origins.optional(),
  G2G_LICENCE_LIMIT: z.coerce.number().int().min(1).optional(),
  G2G_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  G2G_TRUST_PROXY: trustProxy.optional(),
  G2G_JOIN_BASE_URL: z.url({ error: 'must be the URL of the SPA' }).optional(),
  G2G_ACCEPTED_ORGS: orgList.optional(),
  G2G_WEBHOOK_MAX_AGE_SEC: z.coerce.number().int().min(60).max(86_400).optional(),
  // PostgreSQL instead of SQLite: any number of replicas on one database.
  G2G_DATABASE_URL: z
    .string()
    .refine((u) => isPostgresUrl(u), { error: 'must be a postgres:// (or postgresql://) URL' })
    .optional(),
};

const base64Key = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const simEnv = z.object({
  G2G_MODE: z.literal('sim'),
  ...common,
  G2G_SIM_URL: z
    .url({ error: 'must be a URL' })
    .refine((u) => /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(u), {
      error: 'must be a loopback URL (the simulator never leaves this machine)',
    })
    .optional(),
  G2G_SIM_ORGS: z.coerce.number().int().min(1, 'must be 1–5').max(5, 'must be 1–5').optional(),
  // Replicas behind a front: webhooks go to the front, registered once.
  G2G_PUBLIC_URL: z.url().optional(),
});

const webexEnv = z.object({
  G2G_MODE: z.literal('webex'),
  ...common,
  WEBEX_CLIENT_ID: z.string({ error: 'is required in webex mode' }).min(1),
  WEBEX_CLIENT_SECRET: z.string({ error: 'is required in webex mode' }).min(1),
  WEBEX_APPLICATION_ID: z.string().min(1).optional(),
  WEBEX_WEBHOOK_SECRET: z.string({ error: 'is required in webex mode' }).min(1),
  WEBEX_ORG_ID: z.string().min(1).optional(),
  WEBEX_ACCESS_TOKEN: z.string().min(1).optional(),
  WEBEX_REFRESH_TOKEN: z.string().min(1).optional(),
  WEBEX_SITE_URL: z.string().min(1).optional(),
  WEBEX_API_URL: z.url().optional(),
  G2G_PUBLIC_URL: z.url().optional(),
  G2G_ENCRYPTION_KEY: base64Key.describe('AES-256-GCM key for tokens at rest'),
  G2G_ADMIN_KEY: z
    .string({
      error: 'is required in webex mode (the deployment admin: tenants and operator keys)',
    })
    .min(1),
  G2G_OPERATOR_KEY: z.string().min(1).optional(),
});

const envSchema = z.discriminatedUnion('G2G_MODE', [simEnv, webexEnv], {
  error: 'G2G_MODE must be "sim" or "webex"',
});

/** Validated configuration from the environment. */
export type EnvConfig = z.infer<typeof envSchema>;

/** Invalid configuration: one message, listing every problem, meant to be printed as is. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** One message listing every problem, one line each. */
export function invalidConfiguration(problems: string[]): ConfigError {
  return new ConfigError(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/** Reads and validates the environment; throws {@link ConfigError} with one clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const input = { ...env, G2G_MODE: env.G2G_MODE ?? 'sim' };
  const parsed = envSchema.safeParse(input);
  if (parsed.success) {
    if (parsed.data.G2G_MODE === 'webex') {
      const d = parsed.data;
      const tokens = [d.WEBEX_ACCESS_TOKEN, d.WEBEX_REFRESH_TOKEN];
      const problems: string[] = [];
      if (tokens.some(Boolean) && !(tokens.every(Boolean) && d.WEBEX_ORG_ID)) {
        problems.push(
          'WEBEX_ACCESS_TOKEN and WEBEX_REFRESH_TOKEN go together with WEBEX_ORG_ID: set all three or none of the tokens (then the authorization webhook supplies them).',
        );
      }
      if (d.G2G_OPERATOR_KEY && !d.WEBEX_ORG_ID) {
        problems.push(
          'G2G_OPERATOR_KEY is the operator key of the home org: it needs WEBEX_ORG_ID (other orgs get keys from the admin API).',
        );
      }
      problems.push(
        ...webexKeyProblems(
          {
            adminKey: d.G2G_ADMIN_KEY,
            operatorKey: d.G2G_OPERATOR_KEY,
            webhookSecret: d.WEBEX_WEBHOOK_SECRET,
            encryptionKey: d.G2G_ENCRYPTION_KEY,
            clientSecret: d.WEBEX_CLIENT_SECRET,
          },
          KEY_NAMES.env,
        ),
      );
      if (problems.length) throw invalidConfiguration(problems);
    }
    return parsed.data;
  }
  throw invalidConfiguration(
    parsed.error.issues.map((i) => {
      const key = i.path.join('.');
      return key ? `${key} ${i.message}` : i.message;
    }),
  );
}
