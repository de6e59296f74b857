// When a write asks first, and what answer lets it through. src/commands/run.ts (runWrite) applies
// this to every write; test/unit/model/writeConfirmation.test.ts checks it in plain Node.

/** What a destructive write asks in a modal before anything is sent: a question naming the object, and the one button that sends. */
export interface Confirmation {
  message: string;
  detail?: string;
  button: string;
}

/** A write's first attempt, or Retry from its failure notification. */
export type Attempt = 'first' | 'retry';

/**
 * The modal shown before a write is sent, or undefined to send it at once. A write that declares a
 * confirmation asks on its first attempt; Retry sends the very write the admin already confirmed,
 * so it does not ask again. A write without one (create, rename, role change) is sent at once.
 */
export function confirmationBefore(confirm: Confirmation | undefined, attempt: Attempt): Confirmation | undefined {
  return attempt === 'first' ? confirm : undefined;
}

/**
 * Whether the answer to that modal lets the write be sent: only the modal's own button does.
 * Cancel, Escape and closing the dialog (all `undefined`) send nothing; no modal means no question.
 */
export function writeAllowed(modal: Confirmation | undefined, choice: string | undefined): boolean {
  return modal === undefined || (choice !== undefined && choice === modal.button);
}
