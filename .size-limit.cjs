// Size budgets per library entry, measured on the built output (`pnpm size`
// builds first). Sizes are minified + gzipped, peers excluded.
const browser = (name, path, limit, ignore = []) => ({
  name,
  path,
  limit,
  gzip: true,
  ignore: ['react', 'react-dom', 'react/jsx-runtime', 'webex', ...ignore],
});
// What loads before anything is lazily imported: the entries are re-exported
// from one generated module (so shared chunks count once) and every dynamic
// import is left out, as it is from an app's main chunk. That is where the
// SDK and the engine that drives it load, on the first connect.
const lazyImportsExternal = {
  name: 'lazy-imports-external',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};
const initial = (name, files, limit) => ({
  ...browser(name, files[0], limit),
  modifyEsbuildConfig: (config) => {
    const { entryPoints: _ignored, ...rest } = config;
    return {
      ...rest,
      plugins: [...(rest.plugins ?? []), lazyImportsExternal],
      stdin: {
        contents: files.map((f) => `export * from ${JSON.stringify(`./${f}`)};`).join('\n'),
        resolveDir: __dirname,
        sourcefile: 'initial.js',
      },
    };
  },
});
// Named imports from built entries, as an app writes them (size-limit's
// `import`), with dynamic imports left out as above.
const named = (name, imports, limit) => ({
  ...browser(name, Object.keys(imports)[0], limit),
  import: imports,
  modifyEsbuildConfig: (config) => ({
    ...config,
    plugins: [...(config.plugins ?? []), lazyImportsExternal],
  }),
});
// (size-limit loads this file as CommonJS; the lint forbids require().)
const { readFileSync } = process.getBuiltinModule('node:fs');

// Server-side packages: bundled for Node, so built-ins stay external, and so
// do their third-party dependencies (e.g. the simulator's werift WebRTC stack):
// a server installs those anyway, and the budget is for our own code.
// Workspace dependencies (@g2g/*) are ours, so they count.
const thirdPartyDependencies = (path) => {
  const manifest = `${__dirname}/${path.split('/dist/')[0]}/package.json`;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  return Object.keys(pkg.dependencies ?? {}).filter((d) => !d.startsWith('@g2g/'));
};
const server = (name, path, limit, ignore = thirdPartyDependencies(path)) => ({
  name,
  path,
  limit,
  gzip: true,
  ignore,
  modifyEsbuildConfig: (config) => ({ ...config, platform: 'node' }),
});

module.exports = [
  initial('@g2g/meeting-hooks (core)', ['packages/meeting-hooks/dist/core/index.js'], '6 KB'),
  // What a React app ships up front: the whole React entry and the client
  // from the core. The destination parser is not in it: the session parses in
  // the engine, which loads lazily (while pre-join is shown).
  named(
    '@g2g/meeting-hooks (core + react)',
    {
      'packages/meeting-hooks/dist/core/index.js':
        '{ createMeetingClient, preloadMeetingSdk, JoinError, isJoinError }',
      'packages/meeting-hooks/dist/react/index.js': '*',
    },
    '6 KB',
  ),
  named(
    'parseDestination',
    { 'packages/meeting-hooks/dist/core/index.js': '{ parseDestination }' },
    '3.5 KB',
  ),
  // The room component on its own (with the client and session it makes).
  named(
    '<WebexMeeting> alone',
    { 'packages/meeting-hooks/dist/react/index.js': '{ WebexMeeting }' },
    // 3.1: the session carries the multistream store.
    '3.1 KB',
  ),
  // The code that drives the SDK, loaded with it on the first connect (and, with
  // the destination parser and the display-name rule, while pre-join is shown).
  browser(
    '@g2g/meeting-hooks (engine, lazy with the SDK)',
    'packages/meeting-hooks/dist/engine-*.js',
    // 12.5: the multistream driver (panes, active speakers, layouts) lives here;
    // 13.5: connection health (reconnecting, network quality), the pagehide
    // leave and Join again's fresh meeting object (≈ 0.7 KB); 13.8: teardown
    // that outlasts webex@3's late data channels (data-channel.ts, ≈ 0.13 KB).
    '13.8 KB',
  ),
  // The join UI up front, hooks included; the widget and destination-field
  // entries are not part of it.
  initial('@g2g/meeting-ui', ['packages/meeting-ui/dist/index.js'], '15 KB'),
  // The in-meeting screen, loaded on demand by the main entry's InMeeting (and
  // importable as its own entry): measured with everything it needs.
  initial('@g2g/meeting-ui/in-meeting', ['packages/meeting-ui/dist/in-meeting/index.js'], '12 KB'),
  // The video tiles (multistream), loaded on demand by the meeting screen once
  // media runs multistream: measured with everything they need.
  initial('@g2g/meeting-ui/tiles', ['packages/meeting-ui/dist/tiles/index.js'], '7.5 KB'),
  initial(
    '@g2g/meeting-ui/destination-field',
    ['packages/meeting-ui/dist/destination-field/index.js'],
    // The session it shares carries the multistream store; 4.2 since it takes
    // another language's words (typeLabels, errorMessage) and the UI's classes.
    '4.2 KB',
  ),
  // The widget wrapper, measured on its own: what an app that renders it
  // ships before the stock widget (@webex/widgets + webex@2.60.4, ≈ 1.2 MB
  // gzip) lazily loads.
  {
    ...initial(
      '@g2g/meeting-ui/widget (wrapper)',
      ['packages/meeting-ui/dist/widget/index.js'],
      '10 KB',
    ),
    ignore: [
      'react',
      'react-dom',
      'react/jsx-runtime',
      'webex',
      '@webex/widgets',
      '@webex/webex-core',
    ],
  },
  // The REST schemas (zod/mini and its English messages included).
  // zod counts here: which zod build the schemas use is the point of this budget.
  server('@g2g/webex-spec/rest', 'packages/webex-spec/dist/rest/index.js', '22 KB', []),
  server('@g2g/service-app', 'packages/service-app/dist/index.js', '40 KB'),
  server('@g2g/webex-sim', 'packages/webex-sim/dist/index.js', '80 KB'),
];
