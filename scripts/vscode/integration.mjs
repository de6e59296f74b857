// What every run of the integration suite (test/integration) sets up, whichever VS Code runs it.

/** The fake's data for the suites (the tree suite pages Members across three pages of 100). */
export const INTEGRATION_FAKE_OPTIONS = { users: 250 };

/**
 * What the opened folder's .vscode/settings.json sets as openaiAdmin.apiBaseUrl: the settings suite
 * checks that a repository can never be where the key goes.
 */
export const WORKSPACE_BASE_URL = 'http://127.0.0.1:9/workspace-setting-must-not-win/v1';

/** The folder settings to write before VS Code starts. */
export const integrationWorkspaceSettings = () => ({ 'openaiAdmin.apiBaseUrl': WORKSPACE_BASE_URL });

/** Environment for the extension host (test/integration/helpers.ts reads it). */
export function integrationEnv(fake, { grep = '', color = false } = {}) {
  return {
    OPENAI_ADMIN_FAKE_URL: fake.url,
    OPENAI_ADMIN_WORKSPACE_URL: WORKSPACE_BASE_URL,
    MOCHA_GREP: grep,
    MOCHA_COLOR: color ? '1' : '0',
  };
}
