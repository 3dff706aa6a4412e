import type { Preview } from '@storybook/react-vite';
import { MessagesProvider } from '../packages/meeting-ui/src/i18n/context';
import { fr } from '../packages/meeting-ui/src/i18n/fr';

// Every story in English or French (the toolbar's "Language"); the stories
// test renders each in both.
const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  globalTypes: {
    locale: {
      description: 'Language of the components',
      toolbar: { title: 'Language', icon: 'globe', items: ['en', 'fr'], dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'en' },
  decorators: [
    (Story, context) =>
      context.globals.locale === 'fr' ? (
        <MessagesProvider messages={fr}>
          <Story />
        </MessagesProvider>
      ) : (
        <Story />
      ),
  ],
};
export default preview;
