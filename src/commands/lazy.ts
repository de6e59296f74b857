// The organization commands' ids are registered at activation. The first one run loads their code
// (./index, built as dist/commands.js). Each id then runs the handler of the organization it was
// invoked for: the tree row's (its folder when several are connected), an `{ organization }`
// argument's, or the one the user picks; with one organization, that one. Each organization's
// handlers are made the first time one of its commands runs, with its own context.
import * as vscode from 'vscode';
import type { UiOrganizations } from '../ui/context';
import type { CommandContext } from './context';
import { LAZY_COMMANDS } from './lazyIds';

type Handler = (...args: any[]) => unknown;
interface Handlers { table: Map<string, Handler>; disposables: vscode.Disposable[] }

/** Keyboard commands act on the focused row, which they read from the view: its organization is the row's. */
const ON_SELECTION = new Set(['openaiAdmin.renameFocused', 'openaiAdmin.deleteFocused']);

export function registerLazyCommands(orgs: UiOrganizations<CommandContext>): vscode.Disposable {
  let code: Promise<typeof import('./index')> | undefined;
  const made = new Map<CommandContext, Handlers>();

  const handlersOf = (ctx: CommandContext, registerAll: (ctx: CommandContext) => vscode.Disposable[]): Handlers => {
    // An organization removed since its handlers were made: they go with it.
    for (const [old, handlers] of made) {
      if (!orgs.all().includes(old)) {
        for (const d of handlers.disposables) d.dispose();
        made.delete(old);
      }
    }
    let handlers = made.get(ctx);
    if (!handlers) {
      const table = new Map<string, Handler>();
      // The organization's own context, with `register` filling its table instead of VS Code's.
      const own: CommandContext = Object.create(ctx, {
        register: { value: (id: string, handler: Handler) => { table.set(id, handler); return { dispose: () => table.delete(id) }; } },
      });
      handlers = { table, disposables: registerAll(own) };
      made.set(ctx, handlers);
    }
    return handlers;
  };

  const organizationOf = (id: string, args: unknown[]): CommandContext | undefined | Promise<CommandContext | undefined> => {
    const named = orgs.of(args);
    if (named) return named;
    if (ON_SELECTION.has(id)) {
      // No row selected: any organization's handler says so without asking which.
      const row = orgs.all()[0]?.view.selection[0];
      return row ? orgs.of([row]) : orgs.all()[0];
    }
    return orgs.pick('Which organization?');
  };

  const registrations = LAZY_COMMANDS.map((id) => vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    const { registerAllCommands } = await (code ??= import('./index'));
    const ctx = await organizationOf(id, args);
    if (!ctx) return undefined;
    return handlersOf(ctx, registerAllCommands).table.get(id)?.(...args);
  }));
  return {
    dispose: () => {
      for (const d of registrations) d.dispose();
      for (const handlers of made.values()) for (const d of handlers.disposables) d.dispose();
    },
  };
}
