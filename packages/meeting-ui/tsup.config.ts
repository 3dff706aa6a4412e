import { defineConfig } from 'tsup';
import { libraryBuild } from '../../scripts/tsup-preset';

// The widget wrapper is its own entry: an app that only uses the join UI never
// bundles it, and inside it the 2 MB stock widget is a further lazy import.
// DestinationField is its own entry too: it carries the destination parser,
// which the join UI otherwise loads lazily with the engine.
// Both are client modules. The stylesheet is also shipped as a file, for apps
// whose CSP forbids the injected <style>. The video tiles are an entry as
// well: the meeting screen loads them on demand, once media runs multistream.
export default defineConfig(
  libraryBuild(
    {
      index: 'src/index.ts',
      'widget/index': 'src/widget/index.ts',
      'destination-field/index': 'src/DestinationField.tsx',
      'in-meeting/index': 'src/in-meeting/index.ts',
      'tiles/index': 'src/tiles/index.ts',
    },
    {
      clientEntries: [
        'dist/index.js',
        'dist/widget/index.js',
        'dist/destination-field/index.js',
        'dist/in-meeting/index.js',
        'dist/tiles/index.js',
      ],
      async onSuccess() {
        const { writeFile } = (await import('node:fs/promises' as string)) as {
          writeFile(path: string, data: string): Promise<void>;
        };
        const { meetingUiCss } = await import('./src/theme/styles');
        const { inMeetingCss } = await import('./src/in-meeting/styles');
        const { tilesCss } = await import('./src/tiles/styles');
        const css = [meetingUiCss, inMeetingCss, tilesCss].map((c) => c.trim() + '\n');
        await writeFile('dist/styles.css', css.join(''));
      },
    },
  ),
);
