import { describe, expect, it } from 'vitest';
import { isEdmPrimitiveType } from '../edm/primitive-type.js';
import { findNavigationProperty, findProperty } from '../edm/service-model.js';
import { sampleModel } from './sample-model.js';

describe('sampleModel', () => {
  const sets = [...sampleModel.entitySets.values()];

  it('publishes the four shop sets', () => {
    expect(sets.map((set) => set.name)).toEqual(['Customers', 'Orders', 'OrderItems', 'Products']);
  });

  it.each(sets.map((set) => [set.name, set] as const))('%s is consistent', (_name, set) => {
    const type = set.entityType;
    for (const key of type.key) {
      const property = findProperty(type, key);
      expect(property?.nullable).toBe(false);
      expect(property?.collection).toBe(false);
    }
    const indexes = type.properties.map((property) => property.columnIndex);
    expect(indexes).toEqual(type.properties.map((_, index) => index));
    for (const property of type.properties) expect(isEdmPrimitiveType(property.type)).toBe(true);
    for (const navigation of type.navigationProperties) {
      const target = sampleModel.entitySets.get(navigation.targetSet);
      expect(target?.entityType.name).toBe(navigation.targetType);
      for (const constraint of navigation.constraints) {
        expect(findProperty(type, constraint.property)).toBeDefined();
        expect(
          target && findProperty(target.entityType, constraint.referencedProperty),
        ).toBeDefined();
      }
      if (navigation.partner !== undefined && target !== undefined) {
        expect(findNavigationProperty(target.entityType, navigation.partner)?.partner).toBe(
          navigation.name,
        );
      }
    }
  });

  it('is frozen', () => {
    for (const set of sets) {
      expect(Object.isFrozen(set)).toBe(true);
      expect(Object.isFrozen(set.entityType.properties)).toBe(true);
    }
  });
});
