// undici's internal modules imported by ./undici.ts: they ship no declarations of their own.
declare module 'undici/lib/dispatcher/agent.js' { const value: unknown; export default value; }
declare module 'undici/lib/dispatcher/dispatcher.js' { const value: { prototype: object }; export default value; }
declare module 'undici/lib/dispatcher/proxy-agent.js' { const value: unknown; export default value; }
declare module 'undici/lib/api/api-connect.js' { const value: unknown; export default value; }
