// The Project panel's messages, shared by the host (src/webviews/project/panel.ts) and the front end
// (media/project/main.ts). Types only. The webview receives API data as plain rows
// (src/model/project/types.ts) and never a key: one-time service-account secrets are shown by the
// host in a VS Code modal and never reach the webview, its state or any later message.
import type { PanelDraft } from '../../model/project/draft';
import type { ApiKeyChange } from '../../model/project/keyEdits';
import type { RateLimitSave, ServiceTierSave } from '../../model/project/save';
import type { ApiKeySave } from '../../model/project/saveKeys';
import type { DefaultTier, OptionalTier } from '../../model/serviceTier';
import type { HostedToolsData, ProjectRole, RetentionType, SectionId, ServiceTierData, Snapshot } from '../../model/project/types';
import type { PolicyChoice, PolicyState } from '../../model/permissionEdits';
import type { RateLimitRowChange } from '../../model/rateLimitEdits';

export const PROJECT_VIEW_TYPE = 'openaiAdmin.project';

export interface ProjectInit {
  projectId: string;
  /** The connection the project belongs to; the webview keeps it for restoring after a reload. */
  organization?: string;
  /** API keys idle for more than this many days are highlighted (0: never). */
  unusedKeyDays: number;
  /** The host's clock, unix seconds. */
  now: number;
}

/** What a write tells the webview: done, or the admin cancelled a confirmation (nothing was sent). Failures reject. */
export interface WriteResult {
  done: boolean;
}

export type SingleSaveResult =
  | { status: 'saved' | 'unchanged' }
  | { status: 'conflict'; messages: string[] }
  | { status: 'invalid'; message: string };

export interface MemberChoice {
  id: string;
  name: string;
  email: string;
}

/** Requests the webview sends. Every parameter is re-checked by the host. */
export type ProjectMethods = {
  init(params: { state?: unknown }): ProjectInit;
  /** The sections asked for (all when omitted), freshly read; an unknown section id is refused. */
  load(params: { sections?: SectionId[] }): Promise<Snapshot>;
  copyId(params: Record<string, never>): Promise<WriteResult>;
  rename(params: { name: string }): Promise<WriteResult>;
  archive(params: Record<string, never>): Promise<WriteResult>;
  searchMembers(params: { query: string }): Promise<{ members: MemberChoice[]; complete: boolean }>;
  addMember(params: { userId: string; role: ProjectRole }): Promise<WriteResult>;
  setMemberRole(params: { userId: string; role: ProjectRole }): Promise<WriteResult>;
  removeMember(params: { userId: string }): Promise<WriteResult>;
  assignRole(params: { userId: string; roleId: string }): Promise<WriteResult>;
  unassignRole(params: { userId: string; roleId: string }): Promise<WriteResult>;
  createServiceAccount(params: { name: string; role: ProjectRole }): Promise<WriteResult>;
  deleteServiceAccount(params: { id: string }): Promise<WriteResult>;
  deleteApiKey(params: { id: string }): Promise<WriteResult>;
  /** New expiry and/or scopes for keys the panel shows; each key gets its own result. */
  saveApiKeys(params: { changes: ApiKeyChange[]; force?: boolean }): Promise<ApiKeySave>;
  saveRateLimits(params: { changes: RateLimitRowChange[]; force?: boolean }): Promise<RateLimitSave>;
  saveModelPermissions(params: { mode: PolicyChoice; modelIds: string[]; before: PolicyState; force?: boolean }): Promise<SingleSaveResult>;
  saveHostedTools(params: { enabled: Partial<Record<string, boolean>>; before: HostedToolsData; force?: boolean }): Promise<SingleSaveResult>;
  saveServiceTier(params: { default: DefaultTier; enabled: 'all' | OptionalTier[]; before: ServiceTierData; force?: boolean }): Promise<ServiceTierSave>;
  setSpendLimit(params: { amount: string }): Promise<WriteResult>;
  removeSpendLimit(params: Record<string, never>): Promise<WriteResult>;
  addSpendAlert(params: { amount: string; recipients: string }): Promise<WriteResult>;
  deleteSpendAlert(params: { id: string }): Promise<WriteResult>;
  setDataRetention(params: { type: RetentionType }): Promise<WriteResult>;
  /** The panel's Revert button: the host asks first (when there are unsaved edits), then sends `revert`. */
  revert(params: Record<string, never>): Promise<WriteResult>;
};

/** Events the host sends: fresh data for sections that changed (a write here or in the tree). */
export type ProjectHostEvents = {
  sections: Snapshot;
  /** Save every section with unsaved edits (Ctrl/Cmd+S, the Save command). */
  save: Record<string, never>;
  /** Drop every unsaved edit (after the host's confirmation). */
  revert: Record<string, never>;
  /** Unsaved edits kept when this project's panel was last closed, which the admin chose to restore. */
  restoreDraft: { draft: PanelDraft };
};

/** What the webview reports after each render: the text on screen (tests and diagnostics). */
export interface ProjectReport {
  projectId: string;
  /** Per section: 'loading' | 'data' | 'error' and the rows as text. */
  sections: Partial<Record<SectionId, { status: 'loading' | 'data' | 'error'; error?: string; rows: string[][] }>>;
  /** Unsaved changes as listed in the panel. */
  pending: string[];
  /** Messages shown in sections (save results, conflicts, errors). */
  notices: string[];
  cspViolations: string[];
}

/** Events the webview sends. */
export type ProjectWebviewEvents = {
  rendered: ProjectReport;
  /** How many unsaved changes there are (the tab title shows it). */
  dirty: { count: number };
  /** The draft after each change, with its count of unsaved changes: the host keeps it when the panel closes unsaved. */
  draft: { draft: PanelDraft; count: number };
};

/** What the webview keeps with setState: the project and unsaved edits (never a secret). */
export interface ProjectState {
  projectId: string;
  /** The connection the project belongs to (several organizations); absent: the first. */
  organization?: string;
  draft: PanelDraft;
}
