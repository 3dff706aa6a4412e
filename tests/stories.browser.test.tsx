// Every story in the repository must render (and pass its play function) in
// real Chromium without throwing or logging a React error, and be axe-clean,
// in English and in French. Stories cover every state of every component, so
// this is the accessibility check for states a journey test passes through
// too quickly to audit.
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { composeStories, type composeStory, setProjectAnnotations } from '@storybook/react-vite';
import * as previewAnnotations from '../.storybook/preview';

setProjectAnnotations([previewAnnotations]);

type StoryModule = Parameters<typeof composeStories>[0];
type ComposedStory = ReturnType<typeof composeStory>;
const modules = import.meta.glob<StoryModule>('../packages/*/src/**/*.stories.tsx', {
  eager: true,
});

afterEach(cleanup);

async function expectAxeClean() {
  // The stock widget's own DOM is Cisco's, not ours to fix. `region`
  // (content inside landmarks) is a page rule: the host app owns landmarks.
  const result = await axe.run(
    { include: [document.body], exclude: [['.g2g-widget__host']] },
    { rules: { region: { enabled: false } } },
  );
  const found = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found).toEqual([]);
}

describe('stories', () => {
  it('found story files', () => {
    expect(Object.keys(modules).length).toBeGreaterThan(0);
  });

  for (const [file, module] of Object.entries(modules)) {
    const stories = Object.entries(composeStories(module)) as [string, ComposedStory][];
    const french = Object.entries(composeStories(module, { initialGlobals: { locale: 'fr' } })) as [
      string,
      ComposedStory,
    ][];
    describe(file.replace('../packages/', ''), () => {
      for (const [name, story] of stories) {
        it(`${name} renders without errors (en)`, async () => {
          const consoleError = vi.spyOn(console, 'error');
          try {
            await story.run();
            expect(consoleError).not.toHaveBeenCalled();
            await expectAxeClean();
          } finally {
            consoleError.mockRestore();
          }
        });
      }
      // In French the first screen of each story (play functions look for English words).
      for (const [name, Story] of french) {
        if (Story.parameters?.['locales'] === 'en') continue;
        it(`${name} renders without errors (fr)`, async () => {
          const consoleError = vi.spyOn(console, 'error');
          try {
            // What the English run left mounted (portable stories keep the last one).
            document.body.replaceChildren();
            render(<Story />);
            await screen.findAllByText(/./, {}, { timeout: 5000 });
            expect(document.documentElement.textContent).not.toMatch(
              /Ready to join\?|Waiting to be let in|Could not join|Turn camera on/,
            );
            expect(consoleError).not.toHaveBeenCalled();
            await expectAxeClean();
          } finally {
            consoleError.mockRestore();
          }
        });
      }
    });
  }
});
