// The webex SDK ships no type declarations; the browser tests drive it untyped.
declare module 'webex';
declare module 'webex-legacy';
