/**
 * OASIS OData ABNF conformance run: every test case of odata-abnf-testcases.yaml whose
 * rule the parser covers is run against the matching entry point of Tsunagi's parser.
 * Positive cases must parse, negative cases (`FailAt`) must be rejected. Where the
 * verdict depends on names (is `Address` a complex property? is `TheBestProduct` a
 * function import?) the test model built from the file's `Constraints` section
 * (./abnf-test-model.ts) checks the parsed path and the custom options.
 *
 * Rules the parser does not cover (absolute URIs, context URL fragments, header values)
 * and single cases where Tsunagi deliberately differs from the ABNF are listed below with
 * the reason. An excluded case that starts to pass fails the run, so that the list stays
 * honest. The run prints a table of pass/total per rule.
 *
 * The OASIS files are not part of the repository: they are read from the folder named by
 * TSUNAGI_ODATA_ABNF_DIR, else ../shared/oasis-odata next to the repository, else
 * /work/shared/oasis-odata. Without them the suite is skipped with a message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { isTsunagiError } from '../../src/errors/tsunagi-error.js';
import type { EdmPrimitiveType } from '../../src/odata/edm/primitive-type.js';
import { isODataIdentifier } from '../../src/odata/syntax/character-classes.js';
import type { LiteralKind, LiteralSyntax } from '../../src/odata/syntax/expression-syntax.js';
import {
  enumMembersProblem,
  geoLiteralProblem,
  isDurationText,
} from '../../src/odata/syntax/literal-scanner.js';
import {
  parseExpression,
  parseLiteral,
  parseRequest,
} from '../../src/odata/syntax/parse-request.js';
import { defaultParserLimits } from '../../src/odata/syntax/parser-limits.js';
import { tryParsePrimitiveValue } from '../../src/odata/syntax/primitive-value-parser.js';
import { parseResourcePath } from '../../src/odata/syntax/resource-path-parser.js';
import { ParseState } from '../../src/odata/syntax/syntax-scanner.js';
import type { SystemOptionField } from '../../src/odata/syntax/query-option-syntax.js';
import { AbnfTestModel, type Constraints, type ModelRejection } from './abnf-test-model.js';

interface TestCase {
  readonly Name: string;
  readonly Rule: string;
  readonly Input: string;
  readonly FailAt?: number;
}

type Outcome =
  | { readonly accepted: true }
  | { readonly accepted: false; readonly offset: number | undefined; readonly reason: string };

interface EntryPoint {
  /** The parser function the rule is mapped to, for the table. */
  readonly entry: string;
  readonly run: (input: string, model: AbnfTestModel) => Outcome;
}

// ---------------------------------------------------------------------------------------
// Exclusions
// ---------------------------------------------------------------------------------------

const headerReason = 'HTTP header value: parsed by the server layer, not by the URL parser';

/** Rules not covered, with the reason. */
const excludedRules: Readonly<Record<string, string>> = {
  odataUri:
    'absolute URI: the HTTP layer strips scheme, authority and service root before the parser sees the path',
  context: 'context URL fragment: written by the service in responses, never parsed by it',
  header: headerReason,
  prefer: headerReason,
  preference: headerReason,
  'request-id': headerReason,
  includeAnnotationsPreference: headerReason,
  maxpagesizePreference: headerReason,
};

/** Single cases where Tsunagi deliberately differs from the ABNF, with the reason. */
const excludedCases: readonly { rule: string; input: string; reason: string }[] = [
  {
    rule: 'queryOptions',
    input: '$format=json&$Format=atom&$format=xml&$format=text/html',
    reason:
      'a system query option given twice: the URL conventions (section 5) forbid it, which the ABNF cannot express; Tsunagi answers TSG102',
  },
  {
    rule: 'queryOptions',
    input: '$format=JSON&$format=Atom&$format=XML&$format=text/html',
    reason:
      'a system query option given twice: the URL conventions (section 5) forbid it, which the ABNF cannot express; Tsunagi answers TSG102',
  },
  {
    rule: 'odataRelativeUri',
    input: '$metadata#Customers(Address,Orders)',
    reason:
      'URL fragment (a context URL): clients never send fragments to a server, so the parser treats # as an error',
  },
];

// ---------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------

function attempt(action: () => ModelRejection | undefined, shift = 0): Outcome {
  try {
    const rejection = action();
    if (rejection === undefined) return { accepted: true };
    return {
      accepted: false,
      offset: rejection.offset + shift,
      reason: `model: ${rejection.reason}`,
    };
  } catch (error) {
    if (!isTsunagiError(error)) throw error;
    const offset = error.innerError?.['offset'];
    return {
      accepted: false,
      offset: typeof offset === 'number' ? offset + shift : undefined,
      reason: `${error.code}: ${error.message}`,
    };
  }
}

/** `path?query` relative to the service root, as odataRelativeUri has it. */
function relativeUri(input: string, model: AbnfTestModel): Outcome {
  const question = input.indexOf('?');
  const path = '/' + (question === -1 ? input : input.slice(0, question));
  const query = question === -1 ? '' : input.slice(question + 1);
  const pathOutcome = attempt(() => {
    parseResourcePath(path, new ParseState(defaultParserLimits));
    return undefined;
  }, -1);
  if (!pathOutcome.accepted) return pathOutcome;
  let pathRejection: ModelRejection | undefined;
  const outcome = attempt(() => {
    const syntax = parseRequest({ path, query });
    pathRejection = model.checkPath(syntax.path);
    return pathRejection ?? model.checkCustomOptions(syntax.query);
  }, question + 1);
  if (pathRejection !== undefined) {
    return {
      accepted: false,
      offset: pathRejection.offset - 1,
      reason: `model: ${pathRejection.reason}`,
    };
  }
  return outcome;
}

function expressionRule(prefix = '', suffix = ''): EntryPoint['run'] {
  return (input) =>
    attempt(() => {
      parseExpression(prefix + input + suffix);
      return undefined;
    }, -prefix.length);
}

/** A query string that must contain `field` (when given). */
function queryRule(
  field: SystemOptionField | 'custom' | undefined,
  prefix = '',
): EntryPoint['run'] {
  return (input, model) =>
    attempt(() => {
      const syntax = parseRequest({ path: '', query: prefix + input });
      const present =
        field === 'custom'
          ? syntax.query.custom.length > 0
          : field === undefined || syntax.query[field] !== undefined;
      if (!present) return { offset: 0, reason: `not read as ${field ?? 'an option'}` };
      return model.checkCustomOptions(syntax.query);
    }, -prefix.length);
}

function literalRule(accept: (literal: LiteralSyntax) => boolean): EntryPoint['run'] {
  return (input) =>
    attempt(() => {
      const literal = parseLiteral(input);
      return accept(literal)
        ? undefined
        : { offset: 0, reason: `read as a ${literal.literalKind} literal` };
    });
}

const kinds =
  (...allowed: LiteralKind[]) =>
  (literal: LiteralSyntax): boolean =>
    allowed.includes(literal.literalKind);

/** An integer literal with at most `digits` digits (the ABNF checks digits, the range is a comment). */
const integerLiteral =
  (digits: number) =>
  (literal: LiteralSyntax): boolean =>
    literal.literalKind === 'integer' && literal.value.replace(/^[+-]/, '').length <= digits;

function valueRule(...types: EdmPrimitiveType[]): EntryPoint['run'] {
  return (input) =>
    types.some((type) => tryParsePrimitiveValue(input, type) !== undefined)
      ? { accepted: true }
      : { accepted: false, offset: undefined, reason: `not a ${types.join(' or ')} value` };
}

function predicateRule(test: (input: string) => boolean, what: string): EntryPoint['run'] {
  return (input) =>
    test(input)
      ? { accepted: true }
      : { accepted: false, offset: undefined, reason: `not ${what}` };
}

const payloadTypes: readonly EdmPrimitiveType[] = [
  'Edm.Boolean',
  'Edm.Guid',
  'Edm.Duration',
  'Edm.DateTimeOffset',
  'Edm.Date',
  'Edm.TimeOfDay',
  'Edm.Double',
  'Edm.Int64',
  'Edm.Binary',
];

const entryPoints: Readonly<Record<string, EntryPoint>> = {
  odataRelativeUri: { entry: 'parseRequest({path, query})', run: relativeUri },
  resourcePath: {
    entry: 'parseRequest({path})',
    run: (input, model) =>
      attempt(() => model.checkPath(parseRequest({ path: '/' + input, query: '' }).path), -1),
  },
  queryOptions: { entry: 'parseRequest({query})', run: queryRule(undefined) },
  systemQueryOption: { entry: 'parseRequest({query})', run: queryRule(undefined) },
  customQueryOption: { entry: 'parseRequest({query})', run: queryRule('custom') },
  filter: { entry: 'parseRequest({query}).filter', run: queryRule('filter') },
  orderby: { entry: 'parseRequest({query}).orderBy', run: queryRule('orderBy') },
  orderBy: { entry: 'parseRequest({query}).orderBy', run: queryRule('orderBy') },
  select: { entry: 'parseRequest({query}).select', run: queryRule('select') },
  expand: { entry: 'parseRequest({query}).expand', run: queryRule('expand') },
  search: { entry: 'parseRequest({query}).search', run: queryRule('search') },
  searchExpr: {
    entry: "parseRequest({query: '$search=' + input})",
    run: queryRule('search', '$search='),
  },
  compute: { entry: 'parseRequest({query}).compute', run: queryRule('compute') },
  skiptoken: { entry: 'parseRequest({query}).skipToken', run: queryRule('skipToken') },
  deltatoken: { entry: 'parseRequest({query}).deltaToken', run: queryRule('deltaToken') },
  commonExpr: { entry: 'parseExpression', run: expressionRule() },
  boolCommonExpr: { entry: 'parseExpression', run: expressionRule() },
  boolcommonExpr: { entry: 'parseExpression', run: expressionRule() },
  firstMemberExpr: { entry: 'parseExpression', run: expressionRule() },
  propertyPathExpr: { entry: 'parseExpression', run: expressionRule() },
  isofExpr: { entry: 'parseExpression', run: expressionRule() },
  notExpr: { entry: 'parseExpression', run: expressionRule() },
  anyExpr: { entry: "parseExpression('Items/' + input)", run: expressionRule('Items/') },
  stringInUrl: { entry: "parseExpression('[' + input + ']')", run: expressionRule('[', ']') },
  functionParameter: {
    entry: "parseRequest({path: '/F(' + input + ')'})",
    run: (input) =>
      attempt(() => {
        parseRequest({ path: `/F(${input})`, query: '' });
        return undefined;
      }, -3),
  },
  primitiveLiteral: { entry: 'parseLiteral', run: literalRule(() => true) },
  null: { entry: 'parseLiteral (null)', run: literalRule(kinds('null')) },
  boolean: { entry: 'parseLiteral (boolean)', run: literalRule(kinds('boolean')) },
  stringLiteral: { entry: 'parseLiteral (string)', run: literalRule(kinds('string')) },
  binaryLiteral: { entry: 'parseLiteral (binary)', run: literalRule(kinds('binary')) },
  date: { entry: 'parseLiteral (date)', run: literalRule(kinds('date')) },
  dateTimeOffsetLiteral: {
    entry: 'parseLiteral (dateTimeOffset)',
    run: literalRule(kinds('dateTimeOffset')),
  },
  dateTimeOffsetValueInUrl: {
    entry: 'parseLiteral (dateTimeOffset)',
    run: literalRule(kinds('dateTimeOffset')),
  },
  timeOfDayLiteral: { entry: 'parseLiteral (timeOfDay)', run: literalRule(kinds('timeOfDay')) },
  durationLiteral: {
    entry: 'parseLiteral (duration, or a string holding one)',
    run: literalRule(
      (literal) =>
        literal.literalKind === 'duration' ||
        (literal.literalKind === 'string' && isDurationText(literal.value)),
    ),
  },
  enumLiteral: {
    entry: 'parseLiteral (enum, or a string holding members)',
    run: literalRule(
      (literal) =>
        literal.literalKind === 'enum' ||
        (literal.literalKind === 'string' && enumMembersProblem(literal.value) === undefined),
    ),
  },
  decimalLiteral: {
    entry: 'parseLiteral (number)',
    run: literalRule(kinds('integer', 'decimal', 'double')),
  },
  doubleLiteral: {
    entry: 'parseLiteral (number)',
    run: literalRule(kinds('integer', 'decimal', 'double')),
  },
  singleLiteral: {
    entry: 'parseLiteral (number)',
    run: literalRule(kinds('integer', 'decimal', 'double')),
  },
  sbyteLiteral: { entry: 'parseLiteral (integer)', run: literalRule(integerLiteral(3)) },
  int16Literal: { entry: 'parseLiteral (integer)', run: literalRule(integerLiteral(5)) },
  int32Literal: { entry: 'parseLiteral (integer)', run: literalRule(integerLiteral(10)) },
  int64Literal: { entry: 'parseLiteral (integer)', run: literalRule(integerLiteral(19)) },
  booleanValue: { entry: 'parsePrimitiveValue(Edm.Boolean)', run: valueRule('Edm.Boolean') },
  dateValue: { entry: 'parsePrimitiveValue(Edm.Date)', run: valueRule('Edm.Date') },
  dateTimeOffsetValue: {
    entry: 'parsePrimitiveValue(Edm.DateTimeOffset)',
    run: valueRule('Edm.DateTimeOffset'),
  },
  timeOfDayValue: { entry: 'parsePrimitiveValue(Edm.TimeOfDay)', run: valueRule('Edm.TimeOfDay') },
  durationValue: { entry: 'parsePrimitiveValue(Edm.Duration)', run: valueRule('Edm.Duration') },
  // decimalValue, doubleValue and singleValue are the same rule in the ABNF (NaN and INF
  // included); the in-memory Decimal representation cannot hold NaN, so the syntax is
  // checked with the Double parser.
  decimalValue: { entry: 'parsePrimitiveValue(Edm.Double)', run: valueRule('Edm.Double') },
  doubleValue: { entry: 'parsePrimitiveValue(Edm.Double)', run: valueRule('Edm.Double') },
  singleValue: { entry: 'parsePrimitiveValue(Edm.Single)', run: valueRule('Edm.Single') },
  byteValue: { entry: 'parsePrimitiveValue(Edm.Byte)', run: valueRule('Edm.Byte') },
  sbyteValue: { entry: 'parsePrimitiveValue(Edm.SByte)', run: valueRule('Edm.SByte') },
  int16Value: { entry: 'parsePrimitiveValue(Edm.Int16)', run: valueRule('Edm.Int16') },
  int32Value: { entry: 'parsePrimitiveValue(Edm.Int32)', run: valueRule('Edm.Int32') },
  int64Value: { entry: 'parsePrimitiveValue(Edm.Int64)', run: valueRule('Edm.Int64') },
  guid: { entry: 'parseLiteral (guid)', run: literalRule(kinds('guid')) },
  primitiveValue: {
    entry: 'parsePrimitiveValue (any type), enum member, geo literal',
    run: predicateRule(
      (input) =>
        payloadTypes.some((type) => tryParsePrimitiveValue(input, type) !== undefined) ||
        isODataIdentifier(input) ||
        geoLiteralProblem(input) === -1,
      'a primitive value',
    ),
  },
  enumValue: {
    entry: 'enumMembersProblem',
    run: predicateRule((input) => enumMembersProblem(input) === undefined, 'enumeration members'),
  },
  odataIdentifier: {
    entry: 'isODataIdentifier',
    run: predicateRule(isODataIdentifier, 'an identifier'),
  },
  entitySetName: {
    entry: 'isODataIdentifier',
    run: predicateRule(isODataIdentifier, 'an identifier'),
  },
};
for (const rule of [
  'geographyCollection',
  'geographyLineString',
  'geographyMultiLineString',
  'geographyMultiPoint',
  'geographyMultiPolygon',
  'geographyPoint',
  'geographyPolygon',
]) {
  (entryPoints as Record<string, EntryPoint>)[rule] = {
    entry: 'parseLiteral (geography)',
    run: literalRule(kinds('geography')),
  };
  (entryPoints as Record<string, EntryPoint>)[rule.replace('geography', 'geometry')] = {
    entry: 'parseLiteral (geometry)',
    run: literalRule(kinds('geometry')),
  };
}

// ---------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------

function findAbnfDirectory(): string | undefined {
  const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
  const candidates = [
    process.env['TSUNAGI_ODATA_ABNF_DIR'],
    resolve(repositoryRoot, '../shared/oasis-odata'),
    '/work/shared/oasis-odata',
  ];
  return candidates.find(
    (candidate): candidate is string =>
      candidate !== undefined &&
      candidate.length > 0 &&
      existsSync(join(candidate, 'odata-abnf-testcases.yaml')),
  );
}

interface CaseResult {
  readonly testCase: TestCase;
  readonly outcome: Outcome;
  readonly passed: boolean;
}

const directory = findAbnfDirectory();
if (directory === undefined) {
  console.warn(
    'OASIS ABNF conformance run skipped: odata-abnf-testcases.yaml not found (set TSUNAGI_ODATA_ABNF_DIR, or put the OASIS files in ../shared/oasis-odata).',
  );
  describe.skip('OASIS OData ABNF test cases (odata-abnf-testcases.yaml not found)', () => {
    it('runs when the OASIS files are present', () => undefined);
  });
} else {
  defineConformanceSuite(directory);
}

function defineConformanceSuite(folder: string): void {
  describe('OASIS OData ABNF test cases', () => {
    const document = parseYaml(readFileSync(join(folder, 'odata-abnf-testcases.yaml'), 'utf8')) as {
      Constraints: Constraints;
      TestCases: TestCase[];
    };
    const model = new AbnfTestModel(document.Constraints);
    const resultsByRule = new Map<string, CaseResult[]>();
    const excludedByRule = new Map<string, number>();
    const exclusionsNowPassing: { rule: string; input: string }[] = [];
    const unmappedRules = new Set<string>();

    for (const testCase of document.TestCases) {
      if (excludedRules[testCase.Rule] !== undefined) {
        excludedByRule.set(testCase.Rule, (excludedByRule.get(testCase.Rule) ?? 0) + 1);
        continue;
      }
      const entryPoint = entryPoints[testCase.Rule];
      if (entryPoint === undefined) {
        unmappedRules.add(testCase.Rule);
        continue;
      }
      const outcome = entryPoint.run(testCase.Input, model);
      const passed = outcome.accepted === (testCase.FailAt === undefined);
      const excluded = excludedCases.some(
        (exclusion) => exclusion.rule === testCase.Rule && exclusion.input === testCase.Input,
      );
      if (excluded) {
        excludedByRule.set(testCase.Rule, (excludedByRule.get(testCase.Rule) ?? 0) + 1);
        if (passed) exclusionsNowPassing.push({ rule: testCase.Rule, input: testCase.Input });
        continue;
      }
      const list = resultsByRule.get(testCase.Rule) ?? [];
      list.push({ testCase, outcome, passed });
      resultsByRule.set(testCase.Rule, list);
    }

    printReport(resultsByRule, excludedByRule);

    it('maps every rule of the test file to an entry point or an explicit exclusion', () => {
      expect([...unmappedRules]).toEqual([]);
    });

    it('keeps the exclusion list honest (an excluded case that passes must leave the list)', () => {
      expect(exclusionsNowPassing).toEqual([]);
    });

    for (const [rule, results] of [...resultsByRule].sort(([a], [b]) => a.localeCompare(b))) {
      const passedCount = results.filter((result) => result.passed).length;
      it(`${rule}: ${passedCount}/${results.length} cases via ${entryPoints[rule]?.entry ?? '?'}`, () => {
        const failures = results
          .filter((result) => !result.passed)
          .map(({ testCase, outcome }) =>
            testCase.FailAt === undefined
              ? `should parse: ${JSON.stringify(testCase.Input)} (${testCase.Name}): ${outcome.accepted ? '' : outcome.reason}`
              : `should fail at ${testCase.FailAt}: ${JSON.stringify(testCase.Input)} (${testCase.Name})`,
          );
        expect(failures).toEqual([]);
      });
    }
  });
}

function printReport(
  resultsByRule: ReadonlyMap<string, readonly CaseResult[]>,
  excludedByRule: ReadonlyMap<string, number>,
): void {
  const rules = [...new Set([...resultsByRule.keys(), ...excludedByRule.keys()])].sort((a, b) =>
    a.localeCompare(b),
  );
  const lines = ['', 'OASIS ABNF conformance (odata-abnf-testcases.yaml)', ''];
  lines.push(
    `${'rule'.padEnd(30)} ${'pass/total'.padStart(10)} ${'excluded'.padStart(8)}  entry point`,
  );
  let passedTotal = 0;
  let total = 0;
  let excludedTotal = 0;
  let negatives = 0;
  let positionsAgreeing = 0;
  for (const rule of rules) {
    const results = resultsByRule.get(rule) ?? [];
    const passed = results.filter((result) => result.passed).length;
    const excluded = excludedByRule.get(rule) ?? 0;
    passedTotal += passed;
    total += results.length;
    excludedTotal += excluded;
    for (const { testCase, outcome } of results) {
      if (testCase.FailAt === undefined || outcome.accepted) continue;
      negatives++;
      if (outcome.offset === testCase.FailAt) positionsAgreeing++;
    }
    const entry = entryPoints[rule]?.entry ?? `excluded: ${excludedRules[rule] ?? ''}`;
    lines.push(
      `${rule.padEnd(30)} ${`${passed}/${results.length}`.padStart(10)} ${String(excluded).padStart(8)}  ${entry}`,
    );
  }
  lines.push('');
  lines.push(`total: ${passedTotal}/${total} passed, ${excludedTotal} excluded`);
  lines.push(
    `rejected negative cases whose error position equals FailAt: ${positionsAgreeing}/${negatives} (informational: the ABNF tool reports its furthest match)`,
  );
  lines.push('', 'excluded rules:');
  for (const [rule, reason] of Object.entries(excludedRules)) lines.push(`  ${rule}: ${reason}`);
  lines.push('', 'excluded cases:');
  for (const { rule, input, reason } of excludedCases)
    lines.push(`  ${rule} ${JSON.stringify(input)}: ${reason}`);
  console.log(lines.join('\n'));
}
