import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

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
      'G2G_OPERATOR_KEY',
    ]) {
      expect(msg).toContain(v);
    }
  });

  it('wants initial tokens all together or not at all', () => {
    const msg = problems({
      G2G_MODE: 'webex',
      G2G_DATA_DIR: 'x',
      WEBEX_CLIENT_ID: 'id',
      WEBEX_CLIENT_SECRET: 'secret',
      WEBEX_WEBHOOK_SECRET: 'sixteen-chars-at-least',
      G2G_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      G2G_OPERATOR_KEY: 'o'.repeat(32),
      WEBEX_ACCESS_TOKEN: 'only-one',
    });
    expect(msg).toMatch(/go together/);
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
