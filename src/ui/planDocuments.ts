// Plans and their results as read-only documents with their own scheme: never files, so nothing is
// written to disk, and a document cannot be edited into something that looks like a different plan.
// Kept apart from src/ui/plan.ts (which loads the engine) so activation can register the scheme
// cheaply: an editor restored after a reload then shows "no longer available" instead of an error.
import * as vscode from 'vscode';

export const PLAN_SCHEME = 'openai-admin-plan';

/** Recent documents kept; a plan document is a view of one moment. */
const KEEP = 20;

class PlanDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private serial = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? `${vscode.l10n.t('This plan is no longer available: run the action again to see a new one.')}\n`;
  }

  /**
   * A new document each time, so an earlier plan or result stays readable beside the new one.
   * `extension` picks the language VS Code shows it in ('yaml' for the live side of a Compare).
   */
  add(name: string, text: string, extension = 'txt'): vscode.Uri {
    const safe = name.replace(/[\u0000-\u001f/\\?#%]+/g, '-').slice(0, 80);
    const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${safe}.${extension}`, query: String(++this.serial) });
    this.texts.set(uri.toString(), text);
    if (this.texts.size > KEEP) this.texts.delete(this.texts.keys().next().value!);
    return uri;
  }
}

/**
 * Where the registered provider is kept. extension.js registers it and the lazily loaded commands.js
 * adds documents, and each bundles its own copy of this module (esbuild.mjs), so a module variable
 * would be two variables; a registered symbol on the global object is one.
 */
const SLOT = Symbol.for('openaiAdmin.planDocuments');
const slot = globalThis as { [SLOT]?: PlanDocuments };

/** Registers the scheme; called once at activation. */
export function registerPlanDocuments(): vscode.Disposable {
  const provider = new PlanDocuments();
  slot[SLOT] = provider;
  const registration = vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, provider);
  return { dispose: () => { registration.dispose(); if (slot[SLOT] === provider) delete slot[SLOT]; } };
}

/**
 * A read-only document with this text, not opened: the left side of a diff editor (Compare File with
 * Organization), where a file would be editable and an untitled document would ask to be saved.
 */
export function readOnlyDocument(name: string, text: string, extension = 'txt'): vscode.Uri {
  const documents = slot[SLOT];
  if (!documents) throw new Error('Plan documents are not registered (registerPlanDocuments runs at activation).');
  return documents.add(name, text, extension);
}

/** Opens a read-only document beside the current editor, keeping focus where it is. */
export async function openPlanDocument(name: string, text: string): Promise<vscode.Uri> {
  const uri = readOnlyDocument(name, text);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: true });
  return uri;
}
