// A user's app: the packed @g2g packages from their tarballs, React 19, and
// the meeting destination, token and cloud from the query string.
import { StrictMode, version } from 'react';
import { createRoot } from 'react-dom/client';
import { GuestJoin } from '@g2g/meeting-ui';
import '@g2g/meeting-ui/styles.css';

const q = new URLSearchParams(location.search);
const sim = q.get('sim')!;
(window as unknown as { reactVersion: string }).reactVersion = version;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <h1>Consultation</h1>
    <GuestJoin
      destination={q.get('destination')!}
      getAccessToken={() => q.get('token')!}
      displayName="Vite Guest"
      media={false}
      injectStyles={false}
      clientOptions={{
        discovery: { u2c: `${sim}/u2c/api/v1`, hydra: `${sim}/v1`, sqdiscovery: `${sim}/region` },
        config: { meetings: { autoUploadLogs: false }, logger: { level: 'error' } },
      }}
    />
  </StrictMode>,
);
