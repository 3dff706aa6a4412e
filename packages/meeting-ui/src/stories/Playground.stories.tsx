import { useState, type FormEvent } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { createSimClient } from '@g2g/webex-sim/client';
import { GuestJoin } from '../join/GuestJoin';
import { MeetingUiRoot } from '../theme/Root';

type Cloud = 'simulator' | 'webex';
interface Session {
  destination: string;
  token: string;
  cloud: Cloud;
  simUrl: string;
}

// Provisions what a backend would: a Service App, a meeting that lets guests
// in through the lobby, and a guest token, on a running `pnpm sim`.
async function provisionOnSim(url: string) {
  const sim = createSimClient(url);
  const app = await sim.createServiceApp();
  const start = new Date(Date.now() + 60_000);
  const meeting = await sim.rest<{
    id: string;
    meetingNumber: string;
    password: string;
    hostKey: string;
  }>(app.tokens.accessToken, 'POST', '/meetings', {
    title: 'Playground consultation',
    start: start.toISOString(),
    end: new Date(start.getTime() + 3600_000).toISOString(),
    enabledJoinBeforeHost: true,
    joinBeforeHostMinutes: 15,
    unlockedMeetingJoinSecurity: 'allowJoinWithLobby',
  });
  const guest = await sim.rest<{ accessToken: string }>(
    app.tokens.accessToken,
    'POST',
    '/guests/token',
    { subject: `playground-${Date.now()}`, displayName: 'Playground guest' },
  );
  return { sim, meeting: meeting.body, token: guest.body.accessToken };
}

function Field(props: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <label className="g2g-field">
      <span className="g2g-label">{props.label}</span>
      <input
        className="g2g-input"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

function Playground() {
  const [cloud, setCloud] = useState<Cloud>('simulator');
  const [simUrl, setSimUrl] = useState('http://127.0.0.1:8787');
  const [destination, setDestination] = useState('');
  const [token, setToken] = useState('');
  const [note, setNote] = useState('');
  const [session, setSession] = useState<Session | null>(null);
  const [admit, setAdmit] = useState<(() => void) | null>(null);

  const provision = async () => {
    setNote('Provisioning…');
    try {
      const { sim, meeting, token: t } = await provisionOnSim(simUrl);
      setDestination(meeting.meetingNumber);
      setToken(t);
      setAdmit(() => () => void sim.admit(meeting.id));
      setNote(`Password ${meeting.password}, host key ${meeting.hostKey}.`);
    } catch (error) {
      setNote(`No simulator answered at ${simUrl} (${String(error)}). Run \`pnpm sim\`.`);
    }
  };
  const join = (event: FormEvent) => {
    event.preventDefault();
    setSession({ destination, token, cloud, simUrl });
  };

  if (session) {
    const sim = session.cloud === 'simulator' ? createSimClient(session.simUrl) : null;
    return (
      <div>
        <GuestJoin
          key={`${session.destination}|${session.token}`}
          destination={session.destination}
          getAccessToken={() => session.token}
          media={!sim}
          clientOptions={sim ? { discovery: sim.discovery } : undefined}
        />
        <p>
          {admit && (
            <button type="button" onClick={admit}>
              Admit from the lobby (as the host)
            </button>
          )}{' '}
          <button type="button" onClick={() => setSession(null)}>
            Start over
          </button>
        </p>
      </div>
    );
  }
  return (
    <MeetingUiRoot label="Playground">
      <form className="g2g-step" onSubmit={join}>
        <fieldset className="g2g-row">
          <legend className="g2g-label">Cloud</legend>
          {(['simulator', 'webex'] as const).map((c) => (
            <label key={c}>
              <input type="radio" name="cloud" checked={cloud === c} onChange={() => setCloud(c)} />{' '}
              {c === 'simulator' ? 'Simulator (pnpm sim)' : 'Webex'}
            </label>
          ))}
        </fieldset>
        {cloud === 'simulator' && (
          <div className="g2g-row">
            <Field label="Simulator URL" value={simUrl} onChange={setSimUrl} />
            <button type="button" className="g2g-button" onClick={() => void provision()}>
              Create a meeting and a guest token
            </button>
          </div>
        )}
        {note && (
          <p className="g2g-muted" role="status">
            {note}
          </p>
        )}
        <Field label="Destination" value={destination} onChange={setDestination} />
        <Field label="Guest access token" value={token} onChange={setToken} />
        <div className="g2g-row">
          <button type="submit" className="g2g-button g2g-button--primary">
            Join
          </button>
        </div>
      </form>
    </MeetingUiRoot>
  );
}

const meta = {
  title: 'meeting-ui/Playground',
  component: Playground,
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Playground>;
export default meta;

export const Join: StoryObj<typeof meta> = {};
