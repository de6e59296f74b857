// STUB (interface only): the orgcode-engine branch replaces this file.
import type { OrgStore } from '../store';
import type { OrgFile } from './format';

/**
 * The organization as it is, read through the store, in the file's shape (every section filled),
 * plus the ids the plan needs to turn names and emails back into API calls.
 */
export interface LiveState {
  file: OrgFile;
  index: LiveIndex;
}

/** Name → id lookups over what was read; the plan reads ids only from here. */
export interface LiveIndex {
  projectIdByName: ReadonlyMap<string, string>;
  userIdByEmail: ReadonlyMap<string, string>;
  groupIdByName: ReadonlyMap<string, string>;
  roleIdByName: ReadonlyMap<string, string>;
  [more: string]: unknown;
}

export interface ReadLiveOptions {
  /** Project names to read; all active projects when left out. */
  projects?: readonly string[];
  signal?: AbortSignal;
  /** Called as lists finish loading, for a progress bar. */
  progress?: (done: number, total: number) => void;
}

/** Loads into the store what it does not hold yet (sharing requests with the tree), then reads it out. */
export async function readLiveState(store: OrgStore, options: ReadLiveOptions = {}): Promise<LiveState> {
  void store; void options;
  throw new Error('readLiveState: not implemented yet');
}
