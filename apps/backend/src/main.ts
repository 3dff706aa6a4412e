// `pnpm --filter @g2g/backend start`: validates the environment, starts the
// backend and prints where it listens (and, in sim mode, the operator key).
import { ConfigError, loadConfig, type EnvConfig } from './config';
import { startBackend, type StartBackendOptions } from './backend';

function optionsFrom(config: EnvConfig): StartBackendOptions {
  const common = {
    port: config.PORT,
    host: config.HOST,
    dataDir: config.G2G_DATA_DIR,
    logLevel: config.G2G_LOG_LEVEL,
    ...(config.G2G_CORS_ORIGINS ? { corsOrigins: config.G2G_CORS_ORIGINS } : {}),
    ...(config.G2G_LICENCE_LIMIT ? { licenceLimit: config.G2G_LICENCE_LIMIT } : {}),
    ...(config.G2G_TRUST_PROXY !== undefined ? { trustProxy: config.G2G_TRUST_PROXY } : {}),
    ...(config.G2G_JOIN_BASE_URL ? { joinBaseUrl: config.G2G_JOIN_BASE_URL } : {}),
    ...(config.G2G_ACCEPTED_ORGS ? { acceptedOrgs: config.G2G_ACCEPTED_ORGS } : {}),
    ...(config.G2G_DATABASE_URL ? { databaseUrl: config.G2G_DATABASE_URL } : {}),
    ...(config.G2G_WEBHOOK_MAX_AGE_SEC
      ? { webhookMaxAgeMs: config.G2G_WEBHOOK_MAX_AGE_SEC * 1000 }
      : {}),
  };
  if (config.G2G_MODE === 'sim') {
    return {
      mode: 'sim',
      ...common,
      ...(config.G2G_SIM_URL ? { simUrl: config.G2G_SIM_URL } : {}),
      ...(config.G2G_SIM_ORGS ? { simOrgs: config.G2G_SIM_ORGS } : {}),
      ...(config.G2G_PUBLIC_URL ? { publicUrl: config.G2G_PUBLIC_URL } : {}),
    };
  }
  return {
    mode: 'webex',
    ...common,
    webex: {
      clientId: config.WEBEX_CLIENT_ID,
      clientSecret: config.WEBEX_CLIENT_SECRET,
      webhookSecret: config.WEBEX_WEBHOOK_SECRET,
      encryptionKey: config.G2G_ENCRYPTION_KEY,
      adminKey: config.G2G_ADMIN_KEY,
      ...(config.G2G_OPERATOR_KEY ? { operatorKey: config.G2G_OPERATOR_KEY } : {}),
      ...(config.WEBEX_APPLICATION_ID ? { applicationId: config.WEBEX_APPLICATION_ID } : {}),
      ...(config.WEBEX_ORG_ID ? { orgId: config.WEBEX_ORG_ID } : {}),
      ...(config.WEBEX_ACCESS_TOKEN ? { accessToken: config.WEBEX_ACCESS_TOKEN } : {}),
      ...(config.WEBEX_REFRESH_TOKEN ? { refreshToken: config.WEBEX_REFRESH_TOKEN } : {}),
      ...(config.WEBEX_SITE_URL ? { siteUrl: config.WEBEX_SITE_URL } : {}),
      ...(config.WEBEX_API_URL ? { apiUrl: config.WEBEX_API_URL } : {}),
      ...(config.G2G_PUBLIC_URL ? { publicUrl: config.G2G_PUBLIC_URL } : {}),
    },
  };
}

let config: EnvConfig;
try {
  config = loadConfig({ G2G_DATA_DIR: '.g2g-data', ...process.env });
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

try {
  const backend = await startBackend(optionsFrom(config));
  // Plain lines on stdout: scripts (and the demo's e2e runner) read them.
  console.log(`g2g backend listening on ${backend.url} (${backend.mode} mode)`);
  if (backend.mode === 'sim') {
    console.log(`simulator: ${backend.simUrl}`);
    // The first line is the first org's (scripts read it); one line per simulated org.
    for (const [i, k] of backend.operatorKeys.entries()) {
      console.log(
        i === 0 ? `operator key: ${k.key} (${k.name})` : `operator key (${k.name}): ${k.key}`,
      );
    }
    console.log(`admin key: ${backend.adminKey}`);
  }
  const stop = () => {
    backend.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `g2g backend failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
