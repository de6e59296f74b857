// STUB (interface only): the orgcode-engine branch replaces this file.
import type { Plan } from '../plan';
import type { OrgFile } from './format';
import type { LiveState } from './live';

export interface OrgPlanOptions {
  /**
   * A service account created by Apply comes with its key, which the API shows only then. The editor
   * shows it once in the existing one-time-secret dialog; the CLI says a key was created and never
   * prints it. Nothing else ever sees it.
   */
  onServiceAccountKey?: (info: { project: string; serviceAccount: string; key: string }) => void | Promise<void>;
}

/** Every API call the file implies against the live state, in dependency order (`after`). */
export function planOrgFile(file: OrgFile, live: LiveState, options: OrgPlanOptions = {}): Plan {
  void file; void live; void options;
  throw new Error('planOrgFile: not implemented yet');
}

/** Rate limits, model permissions, hosted tools and service tier of one project, onto others. */
export function copyProjectSettingsPlan(live: LiveState, source: string, targets: readonly string[], options: OrgPlanOptions = {}): Plan {
  void live; void source; void targets; void options;
  throw new Error('copyProjectSettingsPlan: not implemented yet');
}
