/** API key and federation-rule scopes typed by hand (commands and the Project panel). No `vscode` here. */
import * as l10n from '@vscode/l10n';
import { splitList } from './inputs';

/** Scope ids as the dashboard names them: `api.all.read`, `api.responses.write`, `api.model.request`. */
const SCOPE = /^[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)+$/;

/** Comma- or space-separated scope ids; at least one (no restriction is chosen separately). */
export function checkScopes(text: string): string | undefined {
  const scopes = splitList(text);
  if (!scopes.length) return l10n.t('Enter one or more scopes, e.g. api.all.read.');
  const bad = scopes.find((s) => !SCOPE.test(s) || s.length > 128);
  return bad === undefined ? undefined : l10n.t('{0} does not look like a scope (e.g. api.all.read).', JSON.stringify(bad));
}

/** The scope ids in typed text (check it with checkScopes first). */
export const parseScopes = (text: string): string[] => splitList(text);
