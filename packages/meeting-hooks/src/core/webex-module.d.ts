// `webex` ships no type declarations; the client only needs `init`, checked at run time.
declare module 'webex' {
  const Webex: unknown;
  export default Webex;
}
declare module 'webex-legacy';
declare module 'webex/meetings' {
  const Webex: unknown;
  export default Webex;
}
