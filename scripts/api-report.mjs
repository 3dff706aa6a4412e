#!/usr/bin/env node
// The governed public surface: an API Extractor report per library entry,
// committed under packages/<pkg>/api/. `pnpm api` rewrites them after a build;
// `pnpm api:check` (CI) fails when the built declarations drift from the
// committed reports, so a change to the public API shows up in review.
//
// Entries of the React-facing libraries must carry a TSDoc release tag
// (@public, @beta, @internal) on every export; the server-side libraries are
// reported without that rule.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');

const ENTRIES = {
  'meeting-hooks': {
    tagged: true,
    entries: { core: 'core/index', react: 'react/index', testing: 'testing/index' },
  },
  'meeting-ui': {
    tagged: true,
    entries: {
      index: 'index',
      widget: 'widget/index',
      'destination-field': 'destination-field/index',
      'in-meeting': 'in-meeting/index',
      tiles: 'tiles/index',
    },
  },
  'webex-spec': { tagged: false, entries: { index: 'index', rest: 'rest/index' } },
  'service-app': { tagged: false, entries: { index: 'index' } },
  'webex-sim': {
    tagged: false,
    entries: { index: 'index', client: 'client', 'testing-browser': 'testing/browser' },
  },
};

let failed = 0;
for (const [pkg, { tagged, entries }] of Object.entries(ENTRIES)) {
  const pkgDir = join(root, 'packages', pkg);
  const apiDir = join(pkgDir, 'api');
  mkdirSync(apiDir, { recursive: true });
  for (const [name, file] of Object.entries(entries)) {
    const entry = join(pkgDir, 'dist', `${file}.d.ts`);
    if (!existsSync(entry)) {
      console.error(`api: ${pkg}/${file}.d.ts is missing; run \`pnpm build\` first.`);
      failed++;
      continue;
    }
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: pkgDir,
        mainEntryPointFilePath: entry,
        bundledPackages: [],
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              target: 'es2022',
              module: 'esnext',
              moduleResolution: 'bundler',
              lib: ['es2022', 'dom', 'dom.iterable'],
              jsx: 'react-jsx',
              strict: true,
              skipLibCheck: true,
              types: [],
            },
            include: [join(pkgDir, 'dist')],
          },
        },
        apiReport: {
          enabled: true,
          reportFileName: `${name}.api.md`,
          reportFolder: apiDir,
          reportTempFolder: join(root, 'node_modules/.cache/api-extractor', pkg),
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: 'warning' } },
          extractorMessageReporting: {
            default: { logLevel: 'warning', addToApiReportFile: true },
            'ae-missing-release-tag': tagged
              ? { logLevel: 'error', addToApiReportFile: false }
              : { logLevel: 'none' },
            // Kept out of the report: they name built files and line numbers
            // (chunk hashes, positions), which would drift on every edit.
            // Cross-entry types (the react entry using the core's) are what
            // most forgotten exports are here.
            'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: false },
            'ae-undocumented': { logLevel: 'none', addToApiReportFile: false },
            'ae-unresolved-link': { logLevel: 'none' },
            'ae-internal-missing-underscore': { logLevel: 'none' },
            // Names the absolute path of the checkout (webex-spec resolves to its
            // sources), so a report written in one clone never matches another's.
            'ae-wrong-input-file-type': { logLevel: 'none', addToApiReportFile: false },
          },
          tsdocMessageReporting: { default: { logLevel: 'none' } },
        },
      },
      configObjectFullPath: join(pkgDir, 'api-extractor.json'),
      packageJsonFullPath: join(pkgDir, 'package.json'),
    });
    const result = Extractor.invoke(config, {
      localBuild: !check,
      showVerboseMessages: false,
      messageCallback: (m) => {
        if (m.logLevel === 'warning' && m.category === 'Compiler') m.logLevel = 'none';
      },
    });
    if (!result.succeeded) {
      failed++;
      console.error(
        `api: ${pkg}/${name}: ${result.apiReportChanged ? 'the public API changed; run `pnpm build && pnpm api` and commit packages/' + pkg + '/api/' + name + '.api.md' : `${result.errorCount} error(s)`}`,
      );
    } else if (result.apiReportChanged) console.log(`api: ${pkg}/${name} report updated`);
  }
}
if (failed) process.exit(1);
console.log(check ? 'api: every report matches the build' : 'api: reports written');
