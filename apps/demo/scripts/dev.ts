// `pnpm dev`: simulator, backend and the demo SPA with one command.
import { startStack } from './stack';

try {
  const stack = await startStack({ serve: 'dev' });
  const keys = stack.operatorKeys
    .map((k) => `  operator key    ${k.key}   (${k.name ?? k.orgId})`)
    .join('\n');
  console.log(`
  g2g demo        ${stack.demoUrl}
${keys}
  admin key       ${stack.adminKey}   (/api/admin: tenants and their keys)
  backend         ${stack.backendUrl}   (OpenAPI at /openapi.json)
  Webex simulator ${stack.simUrl}

  Open the demo, choose "Operator", paste a key, create a consultation,
  then open the host and guest links in two browser windows. Each key is
  another organisation: sign in with the second one to see that neither
  sees the other's consultations. Ctrl+C stops everything.
`);
  const stop = () => void stack.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') {
    console.error(
      `A port g2g needs is already in use (${e.message.replace(/^.*EADDRINUSE: /, '')}). Stop the other process and try again.`,
    );
  } else {
    console.error(`The demo could not start: ${e.message}`);
  }
  process.exit(1);
}
