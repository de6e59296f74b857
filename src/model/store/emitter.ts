/** A disposable subscription, shaped like vscode.Disposable so the glue layers can push it as one. */
export interface Subscription {
  dispose(): void;
}

/**
 * A typed event with disposable listeners, for the model layer, which may not import `vscode`
 * (its EventEmitter is the same idea). Node's EventEmitter would do the work but not the typing.
 * A listener that throws does not stop the others.
 */
export class Emitter<E> {
  private readonly listeners = new Set<(event: E) => void>();

  readonly event = (listener: (event: E) => void): Subscription => {
    this.listeners.add(listener);
    return { dispose: () => { this.listeners.delete(listener); } };
  };

  fire(event: E): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One broken view must not keep the others from hearing about the change.
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
