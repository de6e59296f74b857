import { childId as idChild } from './ids';
import type { NodeSpec } from './nodeSpec';

/** A row in the explorer: a spec placed under a parent, with an id stable across refreshes. */
export class TreeNode {
  constructor(
    readonly id: string,
    readonly spec: NodeSpec,
    readonly parent: TreeNode | undefined,
  ) {}

  /** The nearest value a command needs (project id, …), looked up through the ancestors. */
  lookup(name: string): string | undefined {
    for (let n: TreeNode | undefined = this; n; n = n.parent) {
      const v = n.spec.context?.[name];
      if (v !== undefined) return v;
    }
    return undefined;
  }
}

/** The id of a row with `key` under `parent` (built in ./ids, which escapes a key containing "/"). */
export function childId(parent: TreeNode | undefined, key: string): string {
  return idChild(parent?.id, key);
}
