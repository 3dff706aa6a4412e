// jsdom tests wait for lazily imported modules (the hooks' engine chunk) and
// fake-SDK timers. testing-library gives up after 1 s of wall-clock time by
// default, which a loaded CI machine can exceed on a module's first
// transform: wait longer. This bounds a wait; it asserts nothing about speed.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 45_000 });
