import { z } from 'zod';

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

const common = {
  PORT: port.default(8788),
  HOST: z.string().default('127.0.0.1'),
  G2G_DATA_DIR: z.string({ error: 'is required (where the SQLite file and dev keys live)' }).min(1),
  G2G_CORS_ORIGINS: origins.optional(),
  G2G_LICENCE_LIMIT: z.coerce.number().int().min(1).optional(),
  G2G_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
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
});

const webexEnv = z.object({
  G2G_MODE: z.literal('webex'),
  ...common,
  WEBEX_CLIENT_ID: z.string({ error: 'is required in webex mode' }).min(1),
  WEBEX_CLIENT_SECRET: z.string({ error: 'is required in webex mode' }).min(1),
  WEBEX_APPLICATION_ID: z.string().min(1).optional(),
  WEBEX_WEBHOOK_SECRET: z
    .string({ error: 'is required in webex mode' })
    .min(16, 'needs at least 16 characters'),
  WEBEX_ORG_ID: z.string().min(1).optional(),
  WEBEX_ACCESS_TOKEN: z.string().min(1).optional(),
  WEBEX_REFRESH_TOKEN: z.string().min(1).optional(),
  WEBEX_SITE_URL: z.string().min(1).optional(),
  WEBEX_API_URL: z.url().optional(),
  G2G_PUBLIC_URL: z.url().optional(),
  G2G_ENCRYPTION_KEY: base64Key.describe('AES-256-GCM key for tokens at rest'),
  G2G_OPERATOR_KEY: z
    .string({ error: 'is required in webex mode' })
    .min(24, 'needs at least 24 characters'),
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

/** Reads and validates the environment; throws {@link ConfigError} with one clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const input = { ...env, G2G_MODE: env.G2G_MODE ?? 'sim' };
  const parsed = envSchema.safeParse(input);
  if (parsed.success) {
    if (parsed.data.G2G_MODE === 'webex') {
      const d = parsed.data;
      const initial = [d.WEBEX_ORG_ID, d.WEBEX_ACCESS_TOKEN, d.WEBEX_REFRESH_TOKEN];
      if (initial.some(Boolean) && !initial.every(Boolean)) {
        throw new ConfigError(
          'Invalid configuration:\n  - WEBEX_ORG_ID, WEBEX_ACCESS_TOKEN and WEBEX_REFRESH_TOKEN go together: set all three or none (then the authorization webhook supplies tokens).',
        );
      }
    }
    return parsed.data;
  }
  const problems = parsed.error.issues.map((i) => {
    const key = i.path.join('.');
    return key ? `  - ${key} ${i.message}` : `  - ${i.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}
