/**
 * Live connectors of the stored connections: one connector per connection, created from
 * its decrypted settings on first use and closed and recreated when the connection
 * changes (a change event from this node or, with PostgreSQL, from another). Also creates
 * throw-away connectors for unsaved settings ("Create & Test").
 */
import type { ConnectionSettings } from '../connectors/connector-definition.js';
import type { Connector } from '../connectors/connector.js';
import type { ConnectionService } from '../control-plane/connection-service.js';
import type { ConnectorRegistry } from '../control-plane/connector-registry.js';
import type { ChangeEvent } from '../store/change-event.js';

export class ConnectionRuntime {
  private readonly connectors = new Map<string, Promise<Connector>>();

  constructor(
    private readonly connections: ConnectionService,
    private readonly registry: ConnectorRegistry,
  ) {}

  /** The connector of a stored connection (TSG501 when the connection does not exist). */
  connectorFor(connectionId: string): Promise<Connector> {
    let connector = this.connectors.get(connectionId);
    if (connector === undefined) {
      connector = this.connections
        .resolveSettings(connectionId)
        .then(({ definition, settings }) => definition.create(settings));
      connector.catch(() => this.connectors.delete(connectionId));
      this.connectors.set(connectionId, connector);
    }
    return connector;
  }

  /** A connector for settings that are not stored; the caller closes it. */
  connectorForSettings(kind: string, settings: ConnectionSettings): Connector {
    return this.registry.get(kind).create(settings);
  }

  /** Drops connectors whose connection changed; returns the ids dropped. */
  handleChange(event: ChangeEvent): readonly string[] {
    if (event.kind !== 'connection' && event.kind !== 'all' && event.kind !== 'secretKey')
      return [];
    const dropped =
      event.kind === 'connection' && event.id !== '*' ? [event.id] : [...this.connectors.keys()];
    for (const id of dropped) {
      const connector = this.connectors.get(id);
      this.connectors.delete(id);
      void connector?.then((live) => live.close()).catch(() => undefined);
    }
    return dropped;
  }

  async close(): Promise<void> {
    const all = [...this.connectors.values()];
    this.connectors.clear();
    await Promise.allSettled(all.map(async (connector) => (await connector).close()));
  }
}
