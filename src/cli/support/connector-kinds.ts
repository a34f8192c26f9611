/**
 * The connector kinds the `tsunagi` commands offer: Kintone, plus any definitions exported
 * (as `connectorDefinitions` or `default`, a list or a single definition) by the modules
 * named in TSUNAGI_CONNECTOR_MODULES (comma-separated paths or package names), which is
 * how third-party connectors and test kinds are added without changing Tsunagi.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConnectorDefinition } from '../../connectors/connector-definition.js';
import { kintoneConnectorDefinition } from '../../connectors/kintone/kintone-connector-definition.js';
import { ConnectorRegistry } from '../../control-plane/connector-registry.js';

export const connectorModulesVariable = 'TSUNAGI_CONNECTOR_MODULES';

function isDefinition(value: unknown): value is ConnectorDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { create?: unknown }).create === 'function' &&
    Array.isArray((value as { settings?: unknown }).settings)
  );
}

async function definitionsFrom(specifier: string): Promise<ConnectorDefinition[]> {
  const target =
    specifier.startsWith('.') || isAbsolute(specifier)
      ? pathToFileURL(resolve(specifier)).href
      : specifier;
  const loaded = (await import(target)) as { connectorDefinitions?: unknown; default?: unknown };
  const exported = loaded.connectorDefinitions ?? loaded.default;
  const list = Array.isArray(exported) ? (exported as unknown[]) : [exported];
  const definitions = list.filter(isDefinition);
  if (definitions.length === 0) {
    throw new Error(
      `${specifier} (from ${connectorModulesVariable}) exports no connector definition (export connectorDefinitions or default).`,
    );
  }
  return definitions;
}

export async function createConnectorRegistry(
  modules: string | undefined = process.env[connectorModulesVariable],
): Promise<ConnectorRegistry> {
  const registry = new ConnectorRegistry();
  registry.register(kintoneConnectorDefinition);
  for (const specifier of (modules ?? '').split(',').map((part) => part.trim())) {
    if (specifier === '') continue;
    for (const definition of await definitionsFrom(specifier)) registry.register(definition);
  }
  return registry;
}
