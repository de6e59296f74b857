// @ts-check
// Where things are: the repository, the cached code-server, Debian's chromium, the artifacts folder.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_PREFIX = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_BIN = join(CODE_SERVER_PREFIX, 'node_modules', '.bin', 'code-server');
export const CODE_SERVER_INSTALLED = join(CODE_SERVER_PREFIX, '.installed');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'artifacts');
export const VSIX = join(ROOT, 'dist', 'openai-admin-explorer.vsix');
export const EXTENSION_ID = 'openai-admin-explorer.openai-admin-explorer';
export const INTEGRATION_BUNDLE = join(ROOT, 'out', 'integration', 'index.js');

