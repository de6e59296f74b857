// @ts-check
// Shared helpers for running the extension in real VS Code (code-server) here and in CI.
export * from './paths.mjs';
export * from './processes.mjs';
export * from './fake-api.mjs';
export * from './code-server.mjs';
export * from './browser.mjs';
export * from './extension-tests.mjs';
export * from './integration.mjs';
export * from './decoy.mjs';
export * from './leaks.mjs';
export * from './hostLog.mjs';
