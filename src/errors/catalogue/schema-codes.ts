/**
 * TSG2xx: errors of the binding and planning stage. The request is well formed, but it
 * names something the service model does not have, or combines types in a way OData
 * does not allow, or asks for something the gateway cannot do.
 */
import { defineCodes } from './catalogue-entry.js';

export const schemaCodes = defineCodes({
  TSG200: {
    status: 404,
    title: 'Resource not found',
    description:
      'The URL names an entity set, navigation property or property that does not exist in this service (or that the user may not see).',
  },
  TSG201: {
    status: 404,
    title: 'Entity not found',
    description: 'No entity has the key given in the URL.',
  },
  TSG202: {
    status: 400,
    title: 'Unknown property',
    description:
      'A query option ($select, $filter, $orderby, $expand) refers to a property that the entity type does not have.',
  },
  TSG203: {
    status: 400,
    title: 'Type mismatch',
    description:
      'An expression combines operands whose types cannot be compared or computed together (for example a string compared with a number). The message names the operator and both types.',
  },
  TSG204: {
    status: 400,
    title: 'Unknown function',
    description:
      'A function call in an expression names a function that OData does not define or this service does not support.',
  },
  TSG205: {
    status: 400,
    title: 'Wrong function arguments',
    description: 'A built-in function is called with the wrong number or types of arguments.',
  },
  TSG206: {
    status: 400,
    title: 'Invalid key',
    description:
      'The key in the URL does not match the key of the entity type: wrong number of key properties, unknown key name or wrong value type.',
  },
  TSG207: {
    status: 400,
    title: 'Expression is not boolean',
    description: '$filter and lambda predicates must be boolean expressions.',
  },
  TSG208: {
    status: 400,
    title: 'Unknown navigation property',
    description:
      '$expand or a path segment names a navigation property that the entity type does not have.',
  },
  TSG209: {
    status: 400,
    title: 'Invalid path segment',
    description:
      'A path segment cannot follow the previous one (for example $count after a single entity, or $value after an entity set).',
  },
  TSG210: {
    status: 501,
    title: 'Not implemented',
    description:
      'The request uses an OData feature that this service does not implement (for example $apply, or functions and actions it does not define). The message names the feature.',
  },
  TSG211: {
    status: 404,
    title: 'Property value is null',
    description:
      'A request for a property $value addressed a property whose value is null (OData answers 204 for the property itself).',
  },
  TSG212: {
    status: 400,
    title: 'Unknown lambda variable',
    description:
      'An expression refers to a range variable that no enclosing any/all lambda defines.',
  },
  TSG230: {
    status: 400,
    title: 'Division by zero',
    description:
      'An expression in $filter or $orderby divides an integer or decimal value by zero (div, divby or mod). Only Edm.Double and Edm.Single division by zero has a value (INF or NaN). The message names the operator.',
  },
  TSG231: {
    status: 400,
    title: 'Invalid matchesPattern pattern',
    description:
      'The pattern given to matchesPattern is not a valid ECMAScript regular expression, is longer than 1,000 characters, or nests repetitions (such as (a+)+) in a way that could take exponential time. The message says which.',
  },
  TSG232: {
    status: 400,
    title: 'Invalid function argument value',
    description:
      'A built-in function received a value it cannot work with, for example a negative length for substring. The message names the function and the value.',
  },
});
