// What a Next.js app that installs `webex` needs: the SDK's `file-type`
// dependency imports `fs`, which has no browser build. The SDK never calls it
// in a browser; an empty module stands in for it in client bundles.
/** @type {import('next').NextConfig} */
export default {
  reactStrictMode: true,
  turbopack: { resolveAlias: { fs: { browser: './empty.js' } } },
};
