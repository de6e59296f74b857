import * as vscode from 'vscode';
import { redact } from './util/redact';

/**
 * The one way text reaches the output channel. Every line is redacted, and the most recent lines are
 * kept so tests (and the leak canary) can read exactly what a user would see.
 */
export class Logger implements vscode.Disposable {
  private readonly recent: string[] = [];
  private readonly secrets = new Set<string>();

  constructor(private readonly channel: vscode.LogOutputChannel, private readonly keep = 1000) {}

  /** Registers a value that must never be written, whatever its shape. */
  protectSecret(value: string | undefined): void {
    if (value) this.secrets.add(value);
  }

  /** Drops a one-time secret once nothing can log it any more, so the logger does not keep it alive. */
  forgetSecret(value: string | undefined): void {
    if (value) this.secrets.delete(value);
  }

  info(message: string): void { this.write('info', message); }
  warn(message: string): void { this.write('warn', message); }
  error(message: string): void { this.write('error', message); }
  debug(message: string): void { this.write('debug', message); }

  show(): void { this.channel.show(true); }

  lines(): string[] { return [...this.recent]; }

  dispose(): void { this.channel.dispose(); }

  private write(level: 'info' | 'warn' | 'error' | 'debug', message: string): void {
    const safe = redact(message, this.secrets);
    this.recent.push(`[${level}] ${safe}`);
    if (this.recent.length > this.keep) this.recent.splice(0, this.recent.length - this.keep);
    this.channel[level](safe);
  }
}
