/**
 * Process management on records (facts sheet §3.10): the initial status of a new record
 * and the users a status is assigned to, resolved from the state's assignee entities
 * (users, groups, organisations, a user-select field, the record's creator).
 */
import type { AppSettings, ProcessState } from '../model/app-state.js';
import type { KintoneRecord, UserEntity } from '../model/record.js';
import type { EmulatorState } from '../store/emulator-state.js';

export function initialProcessState(settings: AppSettings): ProcessState | undefined {
  const states = Object.values(settings.processManagement.states ?? {});
  let initial: ProcessState | undefined;
  for (const state of states) {
    if (initial === undefined || Number(state.index) < Number(initial.index)) initial = state;
  }
  return initial;
}

export function fieldCodeOfType(
  settings: AppSettings,
  type: 'STATUS' | 'STATUS_ASSIGNEE' | 'CREATOR',
): string | undefined {
  return Object.values(settings.fields).find((field) => field.type === type)?.code;
}

/** The users assigned to `processState` for `record`, without duplicates. */
export function resolveAssignees(
  state: EmulatorState,
  settings: AppSettings,
  processState: ProcessState,
  record: KintoneRecord,
): UserEntity[] {
  const users = new Map<string, UserEntity>();
  const addUser = (code: string): void => {
    const user = state.users.get(code);
    if (user !== undefined) users.set(code, { code, name: user.name });
  };
  for (const { entity } of processState.assignee.entities) {
    switch (entity.type) {
      case 'USER':
        if (entity.code !== null) addUser(entity.code);
        break;
      case 'GROUP':
        for (const member of state.groups.get(entity.code ?? '')?.members ?? []) addUser(member);
        break;
      case 'ORGANIZATION':
        for (const member of state.organizations.get(entity.code ?? '')?.members ?? [])
          addUser(member);
        break;
      case 'FIELD_ENTITY': {
        const value = record[entity.code ?? '']?.value;
        if (Array.isArray(value)) {
          for (const item of value as readonly unknown[]) {
            if (
              typeof item === 'object' &&
              item !== null &&
              'code' in item &&
              typeof item.code === 'string'
            ) {
              addUser(item.code);
            }
          }
        }
        break;
      }
      case 'CREATOR': {
        const creatorCode = fieldCodeOfType(settings, 'CREATOR');
        const creator = creatorCode === undefined ? undefined : record[creatorCode]?.value;
        if (
          creator !== null &&
          typeof creator === 'object' &&
          !Array.isArray(creator) &&
          'code' in creator
        ) {
          users.set(creator.code, creator);
        }
        break;
      }
    }
  }
  const resolved = [...users.values()];
  return processState.assignee.type === 'ONE' ? resolved.slice(0, 1) : resolved;
}
