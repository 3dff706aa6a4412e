// Which React this suite runs on: 18.3.1 in the default projects, 19 in the
// `*-react19` ones (vitest.config.ts). react and react-dom must agree.
import { version as reactVersion } from 'react';
import { version as domVersion } from 'react-dom';
import { expect, it } from 'vitest';

it('runs on the React it was configured for, with a matching react-dom', () => {
  const major = (globalThis as { process?: { env: Record<string, string | undefined> } }).process
    ?.env.G2G_REACT_MAJOR;
  expect(domVersion).toBe(reactVersion);
  expect(reactVersion.split('.')[0]).toBe(major ?? '18');
});
