// Every story in the repository must render (and pass its play function) in
// real Chromium without throwing or logging a React error.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from '@testing-library/react';
import { composeStories, type composeStory, setProjectAnnotations } from '@storybook/react-vite';
import * as previewAnnotations from '../.storybook/preview';

setProjectAnnotations([previewAnnotations]);

type StoryModule = Parameters<typeof composeStories>[0];
type ComposedStory = ReturnType<typeof composeStory>;
const modules = import.meta.glob<StoryModule>('../packages/*/src/**/*.stories.tsx', {
  eager: true,
});

afterEach(cleanup);

describe('stories', () => {
  it('found story files', () => {
    expect(Object.keys(modules).length).toBeGreaterThan(0);
  });

  for (const [file, module] of Object.entries(modules)) {
    const stories = Object.entries(composeStories(module)) as [string, ComposedStory][];
    describe(file.replace('../packages/', ''), () => {
      for (const [name, story] of stories) {
        it(`${name} renders without errors`, async () => {
          const consoleError = vi.spyOn(console, 'error');
          try {
            await story.run();
            expect(consoleError).not.toHaveBeenCalled();
          } finally {
            consoleError.mockRestore();
          }
        });
      }
    });
  }
});
