// Where the browser tests find Chromium. One place, so Vitest, Playwright and
// Storybook checks agree, and a missing browser gets one clear message.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags every headless launch needs here: root needs --no-sandbox, and the
 * closed network makes Chromium's own background fetches fail noisily. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    'Chromium was not found. Install it with `sudo bash scripts/ensure-chromium.sh` ' +
      "(Debian's `chromium` package), or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  );
}
