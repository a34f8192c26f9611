import { describe, expect, it } from 'vitest';
import {
  entitySet,
  entityType,
  property,
  richMetadataModel,
  serviceModel,
} from '../test-support/metadata-test-model.js';
import { renderServiceDocument } from './service-document.js';

describe('renderServiceDocument', () => {
  it('lists every entity set by name, sorted, with the metadata context', () => {
    expect(
      renderServiceDocument(richMetadataModel(), 'https://gateway.example.com/api/odata/service'),
    ).toEqual({
      '@odata.context': 'https://gateway.example.com/api/odata/service/$metadata',
      value: [
        { name: 'Customers', kind: 'EntitySet', url: 'Customers' },
        { name: 'OrderItems', kind: 'EntitySet', url: 'OrderItems' },
        { name: 'Orders', kind: 'EntitySet', url: 'Orders' },
      ],
    });
  });

  it('ignores a trailing slash on the service root', () => {
    expect(
      renderServiceDocument(serviceModel([]), 'http://127.0.0.1:8080/api/odata/service/'),
    ).toEqual({
      '@odata.context': 'http://127.0.0.1:8080/api/odata/service/$metadata',
      value: [],
    });
  });

  it('percent-encodes non-ASCII set names in URLs', () => {
    const type = entityType({
      name: '顧客',
      key: ['Id'],
      properties: [property('Id', 'Edm.Int32', { nullable: false })],
    });
    expect(
      renderServiceDocument(serviceModel([entitySet('顧客一覧', type)]), 'https://x/svc').value,
    ).toEqual([
      { name: '顧客一覧', kind: 'EntitySet', url: '%E9%A1%A7%E5%AE%A2%E4%B8%80%E8%A6%A7' },
    ]);
  });
});
