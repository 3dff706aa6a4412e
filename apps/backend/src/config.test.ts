import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './config';
import { tempDir } from './testing/harness';

/** A webex-mode environment with good keys. */
const strong = {
  G2G_MODE: 'webex',
  G2G_DATA_DIR: 'x',
  WEBEX_CLIENT_ID: 'id',
  WEBEX_CLIENT_SECRET: 'client-secret-from-the-developer-portal',
  WEBEX_WEBHOOK_SECRET: randomBytes(32).toString('base64'),
  G2G_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  G2G_ADMIN_KEY: randomBytes(32).toString('base64'),
};

const problems = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  return 'valid';
};

describe('loadConfig', () => {
  it('defaults to sim mode with a port and data dir', () => {
    const c = loadConfig({ G2G_DATA_DIR: '/tmp/x' });
    expect(c).toMatchObject({ G2G_MODE: 'sim', PORT: 8788, G2G_DATA_DIR: '/tmp/x' });
  });

  it('refuses an unknown mode, a bad port and a non-loopback simulator in one message', () => {
    expect(problems({ G2G_MODE: 'prod', G2G_DATA_DIR: 'x' })).toMatch(
      /G2G_MODE must be "sim" or "webex"/,
    );
    const msg = problems({
      G2G_MODE: 'sim',
      PORT: '99999',
      G2G_DATA_DIR: 'x',
      G2G_SIM_URL: 'http://10.0.0.1:8787',
    });
    expect(msg).toMatch(/^Invalid configuration:/);
    expect(msg).toMatch(/PORT must be 0–65535/);
    expect(msg).toMatch(/G2G_SIM_URL must be a loopback URL/);
  });

  it('lists every missing webex-mode variable', () => {
    const msg = problems({ G2G_MODE: 'webex', G2G_DATA_DIR: 'x' });
    for (const v of [
      'WEBEX_CLIENT_ID',
      'WEBEX_CLIENT_SECRET',
      'WEBEX_WEBHOOK_SECRET',
      'G2G_ENCRYPTION_KEY',
      'G2G_ADMIN_KEY',
    ]) {
      expect(msg).toContain(v);
    }
  });

  it('wants initial tokens together, with the org they belong to', () => {
    const msg = problems({ ...strong, WEBEX_ACCESS_TOKEN: 'only-one' });
    expect(msg).toMatch(/go together/);
    expect(
      problems({
        ...strong,
        WEBEX_ORG_ID: 'org-1',
        WEBEX_ACCESS_TOKEN: 'a',
        WEBEX_REFRESH_TOKEN: 'r',
      }),
    ).toBe('valid');
    expect(problems({ ...strong, G2G_OPERATOR_KEY: randomBytes(32).toString('base64') })).toMatch(
      /G2G_OPERATOR_KEY is the operator key of the home org: it needs WEBEX_ORG_ID/,
    );
  });

  it('refuses weak and reused keys in webex mode, saying what to generate', () => {
    expect(problems(strong)).toBe('valid');
    const weak = problems({
      ...strong,
      G2G_ADMIN_KEY: 'a'.repeat(40),
      WEBEX_WEBHOOK_SECRET: 'abcdabcdabcdabcdabcdabcdabcdabcdabcd',
      G2G_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
    });
    expect(weak).toMatch(
      /G2G_ADMIN_KEY is weak \(it repeats one character\): generate one with `openssl rand -base64 32`/,
    );
    expect(weak).toMatch(/WEBEX_WEBHOOK_SECRET is weak \(it repeats a 4-character pattern\)/);
    expect(weak).toMatch(/G2G_ENCRYPTION_KEY is weak \(it is all zeros\)/);
    expect(problems({ ...strong, G2G_ADMIN_KEY: 'short-key' })).toMatch(
      /G2G_ADMIN_KEY is weak \(it has 9 characters; it needs at least 32\)/,
    );
    expect(
      problems({ ...strong, G2G_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }),
    ).toMatch(/repeats one byte/);
    expect(problems({ ...strong, G2G_ADMIN_KEY: 'abcdefghijklmnopqrstuvwxyzABCDEFGH' })).toMatch(
      /consecutive/,
    );

    const one = randomBytes(32).toString('base64');
    const reused = problems({
      ...strong,
      G2G_ADMIN_KEY: one,
      WEBEX_WEBHOOK_SECRET: one,
      WEBEX_CLIENT_SECRET: one,
      WEBEX_ORG_ID: 'org-1',
      G2G_OPERATOR_KEY: one,
    });
    expect(reused).toMatch(
      /G2G_ADMIN_KEY and G2G_OPERATOR_KEY have the same value: each needs its own/,
    );
    expect(reused).toMatch(/G2G_ADMIN_KEY and WEBEX_WEBHOOK_SECRET have the same value/);
    expect(reused).toMatch(/G2G_ADMIN_KEY and WEBEX_CLIENT_SECRET have the same value/);
    // Nothing of the keys themselves is repeated in the message.
    expect(reused).not.toContain(one);
  });

  it('startBackend refuses weak keys too (programmatic webex mode)', async () => {
    const { startBackend } = await import('./backend');
    await expect(
      startBackend({
        mode: 'webex',
        dataDir: tempDir(),
        port: 0,
        logLevel: 'silent',
        webex: {
          clientId: 'c',
          clientSecret: 'client-secret',
          webhookSecret: 'x'.repeat(40),
          encryptionKey: Buffer.alloc(32).toString('base64'),
          adminKey: randomBytes(32).toString('base64'),
        },
      }),
    ).rejects.toThrow(/webhookSecret is weak[\s\S]*encryptionKey is weak/);
  });

  it('the start command refuses weak keys with one message and no stack trace', () => {
    const backendDir = join(dirname(fileURLToPath(import.meta.url)), '..');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=@g2g/source', 'src/main.ts'],
      {
        cwd: backendDir,
        env: { ...process.env, ...strong, G2G_ADMIN_KEY: 'a'.repeat(40), G2G_DATA_DIR: tempDir() },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Invalid configuration:\n {2}- G2G_ADMIN_KEY is weak/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('the start command prints one clear message and no stack trace', () => {
    const backendDir = join(dirname(fileURLToPath(import.meta.url)), '..');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=@g2g/source', 'src/main.ts'],
      { cwd: backendDir, env: { ...process.env, G2G_MODE: 'nope', PORT: 'abc' }, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Invalid configuration:\n {2}- /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });
});
