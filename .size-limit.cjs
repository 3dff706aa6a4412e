// Size budgets per library entry, measured on the built output (`pnpm size`
// builds first). Sizes are minified + gzipped, peers excluded.
const browser = (name, path, limit, ignore = []) => ({
  name,
  path,
  limit,
  gzip: true,
  ignore: ['react', 'react-dom', 'react/jsx-runtime', 'webex', ...ignore],
});
// Server-side packages: bundled for Node, so built-ins stay external.
const server = (name, path, limit) => ({
  name,
  path,
  limit,
  gzip: true,
  modifyEsbuildConfig: (config) => ({ ...config, platform: 'node' }),
});

module.exports = [
  browser('@g2g/meeting-hooks (core)', 'packages/meeting-hooks/dist/core/index.js', '6 KB'),
  browser('@g2g/meeting-ui', 'packages/meeting-ui/dist/index.js', '15 KB'),
  server('@g2g/service-app', 'packages/service-app/dist/index.js', '40 KB'),
  server('@g2g/webex-sim', 'packages/webex-sim/dist/index.js', '80 KB'),
];
