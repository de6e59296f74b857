import * as l10n from '@vscode/l10n';
import type { Group, Project, ProjectApiKey, ProjectUser, User } from '../../api';
import { describeError } from '../describeError';
import { listRef, RESOURCES, type ItemOfResource, type ListRef, type OrgStore, type ResourceName } from '../store';

/** What one project holds of the member: their membership, the keys they own, or lists that could not be read. */
export interface ProjectHolding {
  project: Project;
  /** Undefined when the member is not in the project's users list (or that list could not be read). */
  membership?: ProjectUser;
  /** The project's users list could not be read: whether they are a member is unknown. */
  membersUnread?: unknown;
  /** Keys the member owns here (only read when keys are to be deleted). */
  keys: ProjectApiKey[];
  /** The project's key list could not be read. */
  keysUnread?: unknown;
}

export interface GroupHolding {
  group: Group;
  /** The group's member list could not be read: whether they are in it is unknown. */
  membersUnread?: unknown;
}

/** Everything of the organization a member holds, as far as the store could read it. */
export interface MemberHoldings {
  userId: string;
  /** Undefined when the organization's member list does not (or no longer) hold them. */
  member?: User;
  /** Projects where the member is, owns keys, or whose lists could not be read; in the projects list's order. */
  projects: ProjectHolding[];
  /** Groups the member is in, or whose member list could not be read; in the groups list's order. */
  groups: GroupHolding[];
}

/** The lists a member's holdings are read from. */
const HOLDING_LISTS: readonly ResourceName[] = ['members', 'projects', 'groups', 'projectUsers', 'groupUsers', 'projectApiKeys', 'projectInactiveApiKeys'];

/** An organization-wide list (members, projects, groups) could not be read, so no plan can be made. */
export class HoldingsReadError extends Error {
  constructor(readonly ref: ListRef, readonly error: unknown) {
    super(l10n.t("Couldn't read the {0}: {1}", RESOURCES[ref.resource].what, describeError(error)));
    this.name = 'HoldingsReadError';
  }
}

/** Did this key's owner (a user, not a service account) have this id? */
export function ownedBy(key: ProjectApiKey, userId: string): boolean {
  return key.owner?.type === 'user' && key.owner.user?.id === userId;
}

/**
 * Reads, through the store (merged with any load in progress; lists already read are not read
 * again unless `fresh` drops them first), every list that says what a member holds: the members,
 * projects and groups, each active project's users (and with `keys`, its keys: those of owners with
 * access and those of owners who left, which the plain list hides), and each group's members. A
 * project or group list that fails is reported on its holding rather than dropped, so a plan built
 * from this never plans less without saying so. The client's own limit bounds how many lists are
 * read at once.
 */
export async function readHoldings(store: OrgStore, userId: string, options: { keys: boolean; fresh?: boolean; signal?: AbortSignal }): Promise<MemberHoldings> {
  const { signal } = options;
  if (options.fresh) {
    for (const resource of HOLDING_LISTS) store.invalidate(resource);
  }
  const whole = async <R extends ResourceName>(ref: ListRef<R>) => {
    try {
      return await store.loadAll(ref, signal);
    } catch (error) {
      signal?.throwIfAborted();
      throw new HoldingsReadError(ref, error);
    }
  };
  const attempt = async <R extends ResourceName>(ref: ListRef<R>): Promise<{ items: readonly ItemOfResource<R>[]; error?: unknown }> => {
    try {
      return { items: await store.loadAll(ref, signal) };
    } catch (error) {
      signal?.throwIfAborted();
      return { items: [], error };
    }
  };

  const [members, projects, groups] = await Promise.all([whole(listRef('members')), whole(listRef('projects')), whole(listRef('groups'))]);
  const projectHoldings = await Promise.all(projects.map(async (project): Promise<ProjectHolding> => {
    const none = Promise.resolve({ items: [] as readonly ProjectApiKey[], error: undefined });
    // The plain key list holds the keys of owners with access; the other one those of owners who left.
    const [users, active, inactive] = await Promise.all([
      attempt(listRef('projectUsers', project.id)),
      options.keys ? attempt(listRef('projectApiKeys', project.id)) : none,
      options.keys ? attempt(listRef('projectInactiveApiKeys', project.id)) : none,
    ]);
    const keys = { items: [...active.items, ...inactive.items], error: active.error ?? inactive.error };
    return {
      project,
      membership: users.items.find((u) => u.id === userId),
      ...(users.error !== undefined ? { membersUnread: users.error } : {}),
      keys: keys.items.filter((k) => ownedBy(k, userId)),
      ...(keys.error !== undefined ? { keysUnread: keys.error } : {}),
    };
  }));
  const groupHoldings = await Promise.all(groups.map(async (group): Promise<GroupHolding | undefined> => {
    const users = await attempt(listRef('groupUsers', group.id));
    if (users.error !== undefined) return { group, membersUnread: users.error };
    return users.items.some((u) => u.id === userId) ? { group } : undefined;
  }));
  return {
    userId,
    member: members.find((u) => u.id === userId),
    projects: projectHoldings.filter((h) => h.membership || h.keys.length || h.membersUnread !== undefined || h.keysUnread !== undefined),
    groups: groupHoldings.filter((h): h is GroupHolding => h !== undefined),
  };
}
