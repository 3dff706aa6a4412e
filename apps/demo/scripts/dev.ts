// `pnpm dev`: simulator, backend and the demo SPA with one command.
import { startStack } from './stack';

try {
  const stack = await startStack({ serve: 'dev' });
  console.log(`
  g2g demo        ${stack.demoUrl}
  operator key    ${stack.operatorKey}
  backend         ${stack.backendUrl}   (OpenAPI at /openapi.json)
  Webex simulator ${stack.simUrl}

  Open the demo, choose "Operator", paste the key, create a consultation,
  then open the host and guest links in two browser windows.
  Ctrl+C stops everything.
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
