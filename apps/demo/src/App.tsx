import { DestinationField } from '@g2g/meeting-ui';

export function App() {
  return (
    <main
      style={{
        fontFamily: 'system-ui, sans-serif',
        maxWidth: 640,
        margin: '2rem auto',
        padding: '0 1rem',
      }}
    >
      <h1>g2g</h1>
      <p>Guest-to-guest Webex meetings. Paste a meeting destination to check it.</p>
      <DestinationField />
    </main>
  );
}
