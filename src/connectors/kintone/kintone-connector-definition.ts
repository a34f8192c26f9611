/**
 * The Kintone connector's definition for the control plane: kind "kintone", the settings
 * the console shows (see settings/kintone-settings.ts), their validation, and the factory.
 */
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { ConnectionSettings, ConnectorDefinition } from '../connector-definition.js';
import { KintoneConnector } from './kintone-connector.js';
import { kintoneSettingDescriptors, parseKintoneSettings } from './settings/kintone-settings.js';

export const kintoneConnectorDefinition: ConnectorDefinition = {
  kind: 'kintone',
  displayName: 'Kintone',
  description:
    'Kintone apps (and their subtables) as entity sets, read and written live through the Kintone REST API.',
  settings: kintoneSettingDescriptors,
  validate(settings: ConnectionSettings) {
    return parseKintoneSettings(settings).problems;
  },
  create(settings: ConnectionSettings): KintoneConnector {
    const { config, problems } = parseKintoneSettings(settings);
    if (config === undefined) {
      throw new TsunagiError(
        'TSG409',
        `The Kintone connection settings are not valid: ${problems.map((problem) => problem.message).join(' ')}`,
        {
          details: problems.map((problem) => ({
            code: 'TSG409',
            message: problem.message,
            target: problem.setting,
          })),
        },
      );
    }
    return new KintoneConnector(config);
  },
};
