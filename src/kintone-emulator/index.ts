/**
 * The Kintone emulator's public API: start it in-process, build or load seeds, create test
 * certificates for client-certificate authentication, and the models and contracts other
 * packages may want to type against.
 */
export {
  startKintoneEmulator,
  type KintoneEmulatorOptions,
  type KintoneEmulatorTlsOptions,
  type RunningKintoneEmulator,
} from './start-kintone-emulator.js';
export { buildDemoSeed, demoUsers, type DemoSeedOptions } from './seed/demo-seed.js';
export { loadSeed, readSeedFile } from './seed/load-seed.js';
export type {
  SeedApiToken,
  SeedApp,
  SeedDocument,
  SeedRecord,
  SeedResult,
  SeededApp,
  SeedUser,
} from './seed/seed-document.js';
export {
  createTestCertificates,
  type CertificatePair,
  type TestCertificateOptions,
  type TestCertificates,
} from './tls/test-certificates.js';
export { noFaults, type FaultSettings } from './http/fault-injector.js';
export { KintoneDomain, type DomainSettings } from './domain/kintone-domain.js';
export { EmulatorClock } from './support/emulator-clock.js';
export type { FieldProperties, FieldProperty, FieldType } from './model/field-property.js';
export type { FieldValue, KintoneRecord } from './model/record.js';
export type { ApiTokenPermissions } from './model/directory.js';
