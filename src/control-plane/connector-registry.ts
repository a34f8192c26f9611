/**
 * The connector kinds this gateway offers (Kintone, test sources ...): the control plane
 * validates connection settings against a kind's descriptors, and the gateway creates
 * connectors from it. Registered once at start-up.
 */
import type { ConnectorDefinition } from '../connectors/connector-definition.js';
import { TsunagiError } from '../errors/tsunagi-error.js';

export class ConnectorRegistry {
  private readonly definitions = new Map<string, ConnectorDefinition>();

  register(definition: ConnectorDefinition): void {
    if (this.definitions.has(definition.kind)) {
      throw new Error(`Connector kind ${definition.kind} is registered twice.`);
    }
    this.definitions.set(definition.kind, definition);
  }

  /** The definition of a kind; TSG509 when there is none. */
  get(kind: string): ConnectorDefinition {
    const definition = this.definitions.get(kind);
    if (definition === undefined) {
      const known = [...this.definitions.keys()].join(', ');
      throw new TsunagiError(
        'TSG509',
        `There is no connector kind ${kind}${known === '' ? '' : ` (known kinds: ${known})`}.`,
        { target: 'kind' },
      );
    }
    return definition;
  }

  has(kind: string): boolean {
    return this.definitions.has(kind);
  }

  list(): ConnectorDefinition[] {
    return [...this.definitions.values()];
  }
}
