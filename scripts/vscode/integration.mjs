// @ts-check
// What every run of the integration suite (test/integration) sets up, whichever VS Code runs it.

/**
 * The admin key of every integration run: a canary. After the run the harness looks for it in every
 * file the run left (logs, settings, state, the browser profile, the workspace): it may only ever
 * have been in SecretStorage and in the Authorization header sent to the fake.
 */
export const INTEGRATION_ADMIN_KEY = 'sk-admin-CANARY-7d41-integration-run-leak-check';

/**
 * The fake's data for the suites (the tree suite pages Members across three pages of 100). `--hostile`:
 * the security suite checks the hostile member names the generated org then has.
 */
export const INTEGRATION_FAKE_OPTIONS = { users: 250, extraArgs: ['--admin-key', INTEGRATION_ADMIN_KEY, '--hostile'] };

/** The second organization's key (the several-organizations suite), a canary like the first. */
export const SECOND_ORG_ADMIN_KEY = 'sk-admin-CANARY-2b9e-second-organization-leak-check';

/** A second, smaller organization with other data and its own key: the several-organizations suite. */
export const SECOND_FAKE_OPTIONS = { projects: 4, users: 12, seed: 2, extraArgs: ['--admin-key', SECOND_ORG_ADMIN_KEY] };

/**
 * What the opened folder's .vscode/settings.json sets as openaiAdmin.apiBaseUrl: the settings suite
 * checks that a repository can never be where the key goes.
 */
export const WORKSPACE_BASE_URL = 'http://127.0.0.1:9/workspace-setting-must-not-win/v1';

/**
 * The folder settings to write before VS Code starts. With a `decoy` (scripts/vscode/decoy.mjs) the
 * repository also names it as the HTTP proxy: a key sent through a workspace's proxy would reach it.
 */
export const integrationWorkspaceSettings = (decoy) => ({
  'openaiAdmin.apiBaseUrl': decoy?.url ?? WORKSPACE_BASE_URL,
  ...(decoy ? { 'http.proxy': decoy.origin, 'http.proxyStrictSSL': false } : {}),
});

/**
 * Environment for the extension host (test/integration/helpers.ts reads it).
 * @param {{ url: string, adminKey: string }} fake
 * @param {{
 *   grep?: string, color?: boolean, decoy?: { url: string, origin: string },
 *   second?: { url: string, adminKey: string },
 * }} [options]
 */
export function integrationEnv(fake, { grep = '', color = false, decoy, second } = {}) {
  return {
    OPENAI_ADMIN_FAKE_URL: fake.url,
    OPENAI_ADMIN_FAKE_KEY: fake.adminKey,
    ...(second ? { OPENAI_ADMIN_FAKE2_URL: second.url, OPENAI_ADMIN_FAKE2_KEY: second.adminKey } : {}),
    OPENAI_ADMIN_WORKSPACE_URL: decoy?.url ?? WORKSPACE_BASE_URL,
    ...(decoy ? { OPENAI_ADMIN_DECOY_ORIGIN: decoy.origin } : {}),
    MOCHA_GREP: grep,
    MOCHA_COLOR: color ? '1' : '0',
  };
}
