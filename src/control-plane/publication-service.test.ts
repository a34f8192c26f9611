import { describe, expect, it } from 'vitest';
import { isODataIdentifier } from '../catalog/odata-identifier.js';
import { useControlPlaneFixtures } from './test-support/control-plane-fixture.js';
import { fakeConnectionSettings as settings } from './test-support/fake-connector-definition.js';

const setUp = useControlPlaneFixtures();

describe('OData identifiers', () => {
  it.each([
    ['Customers', true],
    ['_private', true],
    ['顧客', true],
    ['Order_Items2', true],
    ['2Customers', false],
    ['Customer Orders', false],
    ['Customers-EU', false],
    ['$metadata', false],
    ['', false],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
  ])('%j → %s', (text, valid) => {
    expect(isODataIdentifier(text)).toBe(valid);
  });
});

describe('publication service', () => {
  it('publishes tables under unique entity-set names, case-insensitively across connections', async () => {
    const { controlPlane, admin } = await setUp();
    const sales = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    const hr = await controlPlane.connections.create(admin, { name: 'HR', kind: 'fake', settings });
    const customers = await controlPlane.publications.publish(admin, {
      connectionId: sales.id,
      tableName: '42',
      entitySet: 'Customers',
      propertyAliases: { 会社名: 'CompanyName', レコード番号: 'Id' },
    });
    expect(customers).toMatchObject({
      entitySet: 'Customers',
      propertyAliases: { 会社名: 'CompanyName' },
    });
    await expect(
      controlPlane.publications.publish(admin, {
        connectionId: hr.id,
        tableName: '1',
        entitySet: 'CUSTOMERS',
      }),
    ).rejects.toMatchObject({ code: 'TSG502', target: 'entitySet' });
    await expect(
      controlPlane.publications.publish(admin, {
        connectionId: sales.id,
        tableName: '42',
        entitySet: 'Clients',
      }),
    ).rejects.toMatchObject({ code: 'TSG502', target: 'tableName' });
    await expect(
      controlPlane.publications.publish(admin, {
        connectionId: 'none',
        tableName: '1',
        entitySet: 'X',
      }),
    ).rejects.toMatchObject({ code: 'TSG501' });
    await expect(
      controlPlane.publications.publish(admin, {
        connectionId: hr.id,
        tableName: '',
        entitySet: 'Bad Name',
        propertyAliases: { a: 'Same', b: 'same', c: '1x' },
      }),
    ).rejects.toMatchObject({
      code: 'TSG500',
      details: [
        { target: 'tableName' },
        { target: 'entitySet' },
        { target: 'propertyAliases.b' },
        { target: 'propertyAliases.c' },
      ],
    });
    expect((await controlPlane.publications.findByEntitySet('customers'))?.id).toBe(customers.id);
    const renamed = await controlPlane.publications.update(admin, customers.id, {
      entitySet: 'customers',
    });
    expect(renamed.entitySet).toBe('customers');
    expect(renamed.propertyAliases).toEqual(customers.propertyAliases);
    await controlPlane.publications.publish(admin, {
      connectionId: hr.id,
      tableName: '1',
      entitySet: 'Employees',
    });
    await expect(
      controlPlane.publications.update(admin, customers.id, { entitySet: 'employees' }),
    ).rejects.toMatchObject({ code: 'TSG502' });
    expect((await controlPlane.publications.list(admin, hr.id)).map((p) => p.entitySet)).toEqual([
      'Employees',
    ]);
    await controlPlane.publications.unpublish(admin, customers.id);
    expect((await controlPlane.publications.list(admin)).map((p) => p.entitySet)).toEqual([
      'Employees',
    ]);
  });

  it('lists for a user only the sets of connections they may read', async () => {
    const { controlPlane, admin, addUser } = await setUp();
    const bob = await addUser('queryUser');
    const carol = await addUser('connectionAdministrator');
    const sales = await controlPlane.connections.create(admin, {
      name: 'Sales',
      kind: 'fake',
      settings,
    });
    const hr = await controlPlane.connections.create(admin, { name: 'HR', kind: 'fake', settings });
    await controlPlane.publications.publish(admin, {
      connectionId: sales.id,
      tableName: '1',
      entitySet: 'Customers',
    });
    await controlPlane.publications.publish(admin, {
      connectionId: sales.id,
      tableName: '2',
      entitySet: 'Orders',
    });
    await controlPlane.publications.publish(admin, {
      connectionId: hr.id,
      tableName: '1',
      entitySet: 'Employees',
    });
    await controlPlane.permissions.setPermissions(admin, {
      userId: bob.user.id,
      connectionId: sales.id,
      permissions: ['select'],
    });
    await controlPlane.permissions.setPermissions(admin, {
      userId: carol.user.id,
      connectionId: hr.id,
      permissions: ['insert'],
    });
    const names = async (subject: Parameters<typeof controlPlane.publications.listReadable>[0]) =>
      (await controlPlane.publications.listReadable(subject)).map(
        (publication) => publication.entitySet,
      );
    expect(await names(bob.actor)).toEqual(['Customers', 'Orders']);
    expect(await names(carol.actor)).toEqual([]);
    expect(await names(admin)).toEqual(['Customers', 'Employees', 'Orders']);
  });
});
