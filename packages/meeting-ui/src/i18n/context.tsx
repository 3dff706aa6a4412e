import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en, type Messages } from './en';

/**
 * Some messages; the rest come from the enclosing provider, then English.
 * @public
 */
export type MessageOverrides = Partial<Omit<Messages, 'errors'>> & {
  errors?: Partial<Messages['errors']>;
};

const MessagesContext = createContext<Messages>(en);

const merge = (base: Messages, over: MessageOverrides | undefined): Messages =>
  over
    ? {
        ...base,
        ...over,
        errors: { ...base.errors, ...over.errors },
        inMeeting: { ...base.inMeeting, ...over.inMeeting },
        tiles: { ...base.tiles, ...over.tiles },
      }
    : base;

/**
 * Sets the messages of every component below it (e.g. `messages={fr}`).
 * @public
 */
export function MessagesProvider({
  messages,
  children,
}: {
  messages: MessageOverrides;
  children?: ReactNode;
}) {
  const parent = useContext(MessagesContext);
  const value = useMemo(() => merge(parent, messages), [parent, messages]);
  return <MessagesContext.Provider value={value}>{children}</MessagesContext.Provider>;
}

/**
 * The messages in force: `overrides` over the provider's, over English.
 * @public
 */
export function useMessages(overrides?: MessageOverrides): Messages {
  const inherited = useContext(MessagesContext);
  return useMemo(() => merge(inherited, overrides), [inherited, overrides]);
}
