// The connected organizations: their names (and base URLs) in VS Code's global state, which only
// the user's own actions change (a workspace cannot add a connection or point one elsewhere), and
// each admin key in secret storage under its own name.
import * as vscode from 'vscode';
import { checkBaseUrl } from '../api/baseUrl';
import {
  checkConnectionName, DEFAULT_CONNECTION_ID, DEFAULT_CONNECTION_NAME, newConnectionId, parseConnections, type Connection,
} from '../model/connections';
import { DEFAULT_SECRET_ID, KeyStore } from './keyStore';

const STATE_KEY = 'openaiAdmin.connections';

/** One secret per connection; the first keeps the name the single key always had, so it needs no migration. */
export function secretIdOf(connectionId: string): string {
  return connectionId === DEFAULT_CONNECTION_ID ? DEFAULT_SECRET_ID : `${DEFAULT_SECRET_ID}.${connectionId}`;
}

export class ConnectionRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private connections: Connection[];

  constructor(private readonly state: vscode.Memento, private readonly secrets: vscode.SecretStorage) {
    this.connections = parseConnections(state.get(STATE_KEY));
  }

  list(): readonly Connection[] {
    return this.connections;
  }

  get(id: string): Connection | undefined {
    return this.connections.find((c) => c.id === id);
  }

  keysOf(connectionId: string): KeyStore {
    return new KeyStore(this.secrets, secretIdOf(connectionId));
  }

  /** Adds a connection whose key the caller has checked; the key is stored before the connection appears. */
  async add(name: string, key: string, baseUrl?: string): Promise<Connection> {
    const problem = checkConnectionName(name, this.connections);
    if (problem) throw new Error(problem);
    const url = baseUrl === undefined ? undefined : checkBaseUrl(baseUrl);
    if (url && !url.ok) throw new Error(url.reason);
    const connection: Connection = { id: newConnectionId(this.connections), name: name.trim(), ...(url?.ok ? { baseUrl: url.url } : {}) };
    await this.keysOf(connection.id).store(key);
    await this.save([...this.connections, connection]);
    return connection;
  }

  async rename(id: string, name: string): Promise<void> {
    const problem = checkConnectionName(name, this.connections, id);
    if (problem) throw new Error(problem);
    await this.save(this.connections.map((c) => (c.id === id ? { ...c, name: name.trim() } : c)));
  }

  /**
   * Deletes the connection's key and forgets it. The last one left becomes the empty default
   * connection (no key), which is what a first start shows.
   */
  async remove(id: string): Promise<void> {
    await this.keysOf(id).delete();
    const rest = this.connections.filter((c) => c.id !== id);
    await this.save(rest.length ? rest : [{ id: DEFAULT_CONNECTION_ID, name: DEFAULT_CONNECTION_NAME }]);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async save(next: Connection[]): Promise<void> {
    this.connections = next;
    await this.state.update(STATE_KEY, next);
    this.changed.fire();
  }
}
