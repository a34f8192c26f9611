/**
 * Loads a seed into a domain through the same services the REST API uses: apps are created
 * in the pre-live state, given their fields, process management and permissions, deployed,
 * then filled with records in batches of 100 (so that a 100,000-record seed loads in
 * seconds), and status actions are run where a record asks. The whole seed is one
 * transaction: an invalid seed changes nothing.
 */
import { readFileSync } from 'node:fs';
import type { KintoneDomain } from '../domain/kintone-domain.js';
import * as apps from '../services/app-service.js';
import * as process from '../services/process-service.js';
import * as records from '../services/record-service.js';
import { systemContext } from '../services/call-context.js';
import { createApiToken, putSpace, putUser } from '../services/directory-service.js';
import { isJsonObject } from '../support/json-value.js';
import type { SeedApp, SeedDocument, SeedRecord, SeedResult, SeededApp } from './seed-document.js';

const recordsPerCall = 100;
const callsPerTransaction = 20;

export function readSeedFile(path: string): SeedDocument {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isJsonObject(parsed)) throw new Error(`The seed file ${path} does not hold a JSON object.`);
  return parsed;
}

function seedRecords(app: SeedApp): Iterable<SeedRecord> {
  if (app.records === undefined) return [];
  return typeof app.records === 'function' ? app.records() : app.records;
}

function createSeedApp(domain: KintoneDomain, app: SeedApp): number {
  const context = systemContext(domain);
  const { state } = domain;
  return state.transaction(() => {
    const created = apps.createApp(context, {
      name: app.name,
      code: app.code,
      space: app.space === undefined ? undefined : Number(app.space),
    });
    const id = Number(created.app);
    if (app.description !== undefined)
      apps.updateGeneralSettings(context, { app: id, description: app.description });
    if (app.fields !== undefined && Object.keys(app.fields).length > 0) {
      apps.addFields(context, { app: id, properties: { ...app.fields } });
    }
    if (app.processManagement !== undefined) {
      apps.updateProcessManagement(context, {
        app: id,
        enable: app.processManagement.enable,
        states: app.processManagement.states,
        actions: app.processManagement.actions,
      });
    }
    if (app.permissions !== undefined)
      apps.updatePermissions(context, { app: id, rights: app.permissions });
    apps.deployApps(context, { apps: [{ app: id }], revert: false });
    return id;
  });
}

function loadRecords(domain: KintoneDomain, appId: number, app: SeedApp): number {
  const context = systemContext(domain);
  const { state } = domain;
  let count = 0;
  let batch: SeedRecord[] = [];
  let actions: { index: number; actions: string[] }[] = [];
  let pending: { batch: SeedRecord[]; actions: { index: number; actions: string[] }[] }[] = [];
  const flush = (): void => {
    if (batch.length > 0) pending.push({ batch, actions });
    batch = [];
    actions = [];
    if (pending.length === 0) return;
    const work = pending;
    pending = [];
    state.transaction(() => {
      for (const { batch: records_, actions: recordActions } of work) {
        const added = records.addRecords(context, { app: appId, records: records_ });
        for (const { index, actions: names } of recordActions) {
          const id = Number(added.ids[index]);
          for (const action of names) process.updateStatus(context, { app: appId, id, action });
        }
      }
    });
  };
  for (const record of seedRecords(app)) {
    const { $actions: requested, ...fields } = record;
    if (Array.isArray(requested) && requested.length > 0) {
      actions.push({
        index: batch.length,
        actions: requested.filter((name): name is string => typeof name === 'string'),
      });
    }
    batch.push(fields);
    count++;
    if (batch.length === recordsPerCall) {
      pending.push({ batch, actions });
      batch = [];
      actions = [];
      if (pending.length === callsPerTransaction) flush();
    }
  }
  flush();
  return count;
}

/**
 * Applies a seed to a domain, all or nothing; throws (a KintoneError for invalid apps or
 * records, naming the problem) and changes nothing when it cannot.
 */
export function loadSeed(domain: KintoneDomain, seed: SeedDocument): SeedResult {
  return domain.state.transaction(() => applySeed(domain, seed));
}

function applySeed(domain: KintoneDomain, seed: SeedDocument): SeedResult {
  const { state } = domain;
  for (const user of seed.users ?? []) putUser(state, user);
  state.transaction(() => {
    for (const group of seed.groups ?? []) {
      state.putGroup({ code: group.code, name: group.name, members: [...(group.members ?? [])] });
    }
    for (const organization of seed.organizations ?? []) {
      state.putOrganization({
        code: organization.code,
        name: organization.name,
        members: [...(organization.members ?? [])],
        ...(organization.parent === undefined ? {} : { parent: organization.parent }),
      });
    }
  });
  for (const space of seed.spaces ?? []) putSpace(state, space);
  const created: { id: number; app: SeedApp; tokens: string[] }[] = [];
  for (const app of seed.apps ?? []) {
    const id = createSeedApp(domain, app);
    const tokens = (app.apiTokens ?? []).map(
      (token) => createApiToken(state, id, token.permissions, token.token).token,
    );
    created.push({ id, app, tokens });
  }
  const result: SeededApp[] = created.map(({ id, app, tokens }) => {
    const recordCount = loadRecords(domain, id, app);
    const stored = state.apps.get(id);
    return {
      id,
      name: app.name,
      code: stored?.code ?? '',
      spaceId: stored?.spaceId ?? null,
      apiTokens: tokens,
      recordCount,
    };
  });
  return { apps: result };
}
