#!/usr/bin/env node
// `pnpm test`: every suite (Node, jsdom, Chromium) in one Vitest run, then a
// per-environment count and a plain "N passed, N failed" line for CI logs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const ensure = spawnSync('bash', [join(root, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
if (ensure.status !== 0) process.exit(ensure.status ?? 1);
// The scale-out tests start throw-away PostgreSQL clusters: they need the server binaries.
const ensurePg = spawnSync('bash', [join(root, 'scripts/ensure-postgresql.sh')], {
  stdio: 'inherit',
});
if (ensurePg.status !== 0) process.exit(ensurePg.status ?? 1);

const outDir = mkdtempSync(join(tmpdir(), 'g2g-test-'));
const report = join(outDir, 'vitest.json');
const vitest = spawnSync(
  'pnpm',
  [
    'exec',
    'vitest',
    'run',
    // The runner loader executes the config's TypeScript imports (the
    // simulator's browser commands) without the bundle loader's warnings.
    '--configLoader=runner',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', cwd: root },
);

let summary;
try {
  summary = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.error('\nVitest wrote no report; see the output above.');
  process.exit(vitest.status || 1);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

// Vitest's JSON report has no project field; the file name says where it ran.
const envOf = (file) =>
  file.startsWith('apps/demo/e2e/') || file.startsWith('tests/packaging/')
    ? 'e2e'
    : /\.browser\.test\.tsx?$/.test(file)
      ? 'chromium'
      : /\.dom\.test\.tsx?$/.test(file)
        ? 'jsdom'
        : 'node';
const counts = {};
for (const fileResult of summary.testResults) {
  const env = envOf(relative(root, fileResult.name));
  const c = (counts[env] ??= { passed: 0, failed: 0, skipped: 0 });
  for (const t of fileResult.assertionResults) {
    if (t.status === 'passed') c.passed++;
    else if (t.status === 'failed') c.failed++;
    else c.skipped++;
  }
}
console.log('\nBy environment:');
for (const [env, c] of Object.entries(counts)) {
  console.log(`  ${env.padEnd(9)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}
const failedSuites = summary.numFailedTestSuites ?? 0;
console.log(
  `tests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests + summary.numTodoTests} skipped`,
);
if (failedSuites && !summary.numFailedTests)
  console.log(`(${failedSuites} test file(s) failed to load)`);
else if (vitest.status && !summary.numFailedTests)
  // An error outside any test (an unhandled rejection, a timer after teardown) fails the run too.
  console.log(`(no test failed, but Vitest exited ${vitest.status}: see "Unhandled Errors" above)`);
process.exit(vitest.status ?? 1);
