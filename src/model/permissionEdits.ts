/** What a project's permission edits send: only what changed. No `vscode` here. */
import { HOSTED_TOOLS, type HostedTool } from './format';

export type HostedToolState = Partial<Record<HostedTool, { enabled: boolean } | null | undefined>>;
export type HostedToolUpdate = Partial<Record<HostedTool, { enabled: boolean }>>;

/**
 * The update body for the tools whose state differs from `current` (a missing entry counts as off,
 * as the tree shows it). Untouched tools are left out so a concurrent edit of another tool survives.
 */
export function hostedToolChanges(current: HostedToolState, enabledNow: ReadonlySet<string>): HostedToolUpdate {
  const body: HostedToolUpdate = {};
  for (const [tool] of HOSTED_TOOLS) {
    const was = current[tool]?.enabled === true;
    const now = enabledNow.has(tool);
    if (was !== now) body[tool] = { enabled: now };
  }
  return body;
}

export type ModelPolicyMode = 'allow_list' | 'deny_list';

/** Models to offer: those the project's rate limits name plus any the current policy lists, sorted, once each. */
export function modelChoices(rateLimitModels: readonly string[], policyModels: readonly string[]): string[] {
  return [...new Set([...rateLimitModels, ...policyModels])].sort((a, b) => a.localeCompare(b));
}

export function samePolicy(
  current: { mode: ModelPolicyMode; model_ids: readonly string[] } | undefined,
  mode: ModelPolicyMode,
  modelIds: readonly string[],
): boolean {
  if (!current || current.mode !== mode) return false;
  const a = new Set(current.model_ids);
  const b = new Set(modelIds);
  return a.size === b.size && [...a].every((m) => b.has(m));
}
