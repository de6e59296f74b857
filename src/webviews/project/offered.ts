// The Project panel's host acts only on what it offered that panel. The webview is untrusted input:
// a member, role, service account, key or alert id in a write request must be one the host loaded
// for this panel's project (or, for adding a member, one its search offered), else the request is
// refused before anything is sent. Checked against the host's own copy, never the webview's.
import * as vscode from 'vscode';
import { q } from '../../ui/run';
import type { SectionData, SectionId } from '../../model/project/types';

export interface OfferedSource {
  /** What the panel last loaded. */
  data(): Partial<SectionData>;
  /** Reads sections again (a row added a moment ago, by this panel or the tree, may not be loaded yet). */
  reload(sections: SectionId[]): Promise<void>;
  projectName(): string;
}

/** A request naming something the panel was never shown. */
export class NotOfferedError extends Error {
  override name = 'NotOfferedError';
}

/**
 * Resolves when `found` holds for the loaded data, reading `section` once more if it does not yet;
 * otherwise refuses with an error naming what was asked for.
 */
export async function requireOffered<K extends SectionId>(
  src: OfferedSource, section: K, found: (data: SectionData[K]) => boolean, what: string,
): Promise<void> {
  const holds = () => {
    const d = src.data()[section];
    return d !== undefined && found(d as SectionData[K]);
  };
  if (holds()) return;
  await src.reload([section]);
  if (holds()) return;
  throw new NotOfferedError(vscode.l10n.t('{0} is not one this panel shows for project {1}; nothing was sent.', what, q(src.projectName())));
}

/** The organization members a panel's search offered (the only ones it may add), bounded. */
export class OfferedMembers {
  private readonly ids = new Set<string>();

  constructor(private readonly max = 5_000) {}

  add(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.ids.size >= this.max) this.ids.delete(this.ids.values().next().value!);
      this.ids.add(id);
    }
  }

  require(id: string): void {
    if (!this.ids.has(id)) throw new NotOfferedError(vscode.l10n.t("That member was not offered by this panel's search; nothing was sent."));
  }
}
