// Installs the packed libraries as a user would: `pnpm build`, `pnpm pack`
// per library, then a fresh app outside the workspace whose @g2g packages
// come from those tarballs and everything else from the registry (through
// the machine's pnpm store, so a warm store installs in seconds).
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const LIBRARIES = ['webex-spec', 'meeting-hooks', 'meeting-ui', 'service-app', 'webex-sim'];

/** Runs a command to completion; rejects with its output when it fails. */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<string>((resolve, reject) => {
    // pnpm's own npm_config_* variables (from the workspace run) must not leak
    // into the fresh app's install, nor Vitest's NODE_ENV=test into its builds
    // (the apps would bundle React's, and the SDK's, development code).
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^npm_|^PNPM_|^VITEST|^NODE_ENV$/i.test(k)),
    );
    const child = spawn(cmd, args, { cwd, env: { ...clean, ...env }, stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${cmd} ${args.join(' ')} (${code}):\n${out.slice(-4000)}`)),
    );
  });
}

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Builds the libraries unless every dist is newer than its sources, then packs each. */
export async function packLibraries(): Promise<Record<string, string>> {
  const stale = LIBRARIES.some((lib) => {
    const pkg = join(ROOT, 'packages', lib);
    const dist = join(pkg, 'dist');
    return !existsSync(dist) || newest(join(pkg, 'src')) > newest(dist);
  });
  if (stale) await run('pnpm', ['-r', '--filter', './packages/*', 'run', 'build'], ROOT);
  const out = mkdtempSync(join(tmpdir(), 'g2g-pack-'));
  const tarballs: Record<string, string> = {};
  for (const lib of LIBRARIES) {
    await run('pnpm', ['pack', '--pack-destination', out], join(ROOT, 'packages', lib));
    tarballs[`@g2g/${lib}`] = join(out, `g2g-${lib}-0.0.0.tgz`);
  }
  return tarballs;
}

/**
 * Copies a template app to a fresh directory outside the workspace and
 * installs it: `@g2g/*` from the tarballs (also where one depends on another),
 * the rest from the registry.
 */
export async function installApp(
  template: string,
  tarballs: Record<string, string>,
  deps: Record<string, string>,
  devDeps: Record<string, string> = {},
  scripts: Record<string, string> = {},
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `g2g-${template}-`));
  cpSync(join(ROOT, 'tests/packaging', template), dir, { recursive: true });
  const local = (names: string[]) =>
    Object.fromEntries(names.map((n) => [n, `file:${tarballs[n]}`]));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: `g2g-${template}`,
        private: true,
        type: 'module',
        scripts,
        dependencies: { ...local(['@g2g/meeting-hooks', '@g2g/meeting-ui']), ...deps },
        devDependencies: devDeps,
        pnpm: { overrides: local(['@g2g/meeting-hooks', '@g2g/webex-spec']) },
      },
      null,
      2,
    ),
  );
  // webex's transitive React Native/Expo peers would otherwise be installed too.
  writeFileSync(join(dir, '.npmrc'), 'auto-install-peers=false\nstrict-peer-dependencies=false\n');
  await run('pnpm', ['install', '--prefer-offline', '--reporter=append-only'], dir);
  return dir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Serves a built SPA from `dir` on a free loopback port. */
export async function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(dir, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}

export function ensureDir(dir: string) {
  mkdirSync(dir, { recursive: true });
  return dir;
}
