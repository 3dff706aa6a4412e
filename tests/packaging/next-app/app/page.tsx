// A server component: it renders the client components below on the server
// (the @g2g entries carry "use client"), and the browser hydrates them.
import { Meeting } from './Meeting';

export default function Page() {
  return (
    <main>
      <h1>Consultation</h1>
      <Meeting />
    </main>
  );
}
