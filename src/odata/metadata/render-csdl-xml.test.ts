import { describe, expect, it } from 'vitest';
import { isTsunagiError } from '../../errors/tsunagi-error.js';
import {
  capabilities,
  entitySet,
  entityType,
  oddDescription,
  property,
  richMetadataModel,
  serviceModel,
  tinyMetadataModel,
} from '../test-support/metadata-test-model.js';
import { escapeXml } from './escape-xml.js';
import { renderCsdlXml } from './render-csdl-xml.js';

const tinyXml = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" xmlns="http://docs.oasis-open.org/odata/ns/edm" Version="4.0">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>
  </edmx:Reference>
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1.xml">
    <edmx:Include Namespace="Org.OData.Capabilities.V1" Alias="Capabilities"/>
  </edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="Demo">
      <EntityType Name="Task">
        <Key>
          <PropertyRef Name="Id"/>
        </Key>
        <Property Name="Id" Type="Edm.Int32" Nullable="false">
          <Annotation Term="Core.Computed" Bool="true"/>
        </Property>
        <Property Name="Title" Type="Edm.String" Nullable="false" MaxLength="64"/>
        <Property Name="Done" Type="Edm.Boolean" Nullable="false" DefaultValue="false"/>
      </EntityType>
      <EntityContainer Name="Service">
        <Annotation Term="Capabilities.ConformanceLevel" EnumMember="Capabilities.ConformanceLevelType/Intermediate"/>
        <EntitySet Name="Tasks" EntityType="Demo.Task">
          <Annotation Term="Capabilities.TopSupported" Bool="true"/>
          <Annotation Term="Capabilities.SkipSupported" Bool="true"/>
          <Annotation Term="Capabilities.CountRestrictions">
            <Record>
              <PropertyValue Property="Countable" Bool="true"/>
            </Record>
          </Annotation>
          <Annotation Term="Capabilities.FilterFunctions">
            <Collection>
              <String>contains</String>
            </Collection>
          </Annotation>
          <Annotation Term="Capabilities.FilterRestrictions">
            <Record>
              <PropertyValue Property="Filterable" Bool="true"/>
              <PropertyValue Property="RequiresFilter" Bool="false"/>
              <PropertyValue Property="NonFilterableProperties">
                <Collection/>
              </PropertyValue>
            </Record>
          </Annotation>
          <Annotation Term="Capabilities.SortRestrictions">
            <Record>
              <PropertyValue Property="Sortable" Bool="true"/>
              <PropertyValue Property="NonSortableProperties">
                <Collection/>
              </PropertyValue>
            </Record>
          </Annotation>
          <Annotation Term="Capabilities.SearchRestrictions">
            <Record>
              <PropertyValue Property="Searchable" Bool="false"/>
            </Record>
          </Annotation>
          <Annotation Term="Capabilities.InsertRestrictions">
            <Record>
              <PropertyValue Property="Insertable" Bool="true"/>
            </Record>
          </Annotation>
          <Annotation Term="Capabilities.UpdateRestrictions">
            <Record>
              <PropertyValue Property="Updatable" Bool="true"/>
            </Record>
          </Annotation>
          <Annotation Term="Capabilities.DeleteRestrictions">
            <Record>
              <PropertyValue Property="Deletable" Bool="true"/>
            </Record>
          </Annotation>
        </EntitySet>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;

/** The lines of the element that starts with `start`, up to its closing tag. */
function elementLines(xml: string, start: string, closing: string): string {
  const from = xml.indexOf(start);
  expect(from, `${start} in the document`).toBeGreaterThanOrEqual(0);
  const to = xml.indexOf(closing, from);
  expect(to, `${closing} after ${start}`).toBeGreaterThan(from);
  return xml.slice(from, to + closing.length);
}

/** The annotations of an entity set, without indentation. */
function entitySetXml(xml: string, name: string): string {
  return elementLines(xml, `<EntitySet Name="${name}"`, '</EntitySet>').replace(/\n\s*/g, '');
}

describe('renderCsdlXml', () => {
  it('writes the tiny model exactly', () => {
    expect(renderCsdlXml(tinyMetadataModel(), { version: '4.0' })).toBe(tinyXml);
  });

  it('writes Version="4.01" when 4.01 was negotiated, and nothing else changes', () => {
    expect(renderCsdlXml(tinyMetadataModel(), { version: '4.01' })).toBe(
      tinyXml.replace('Version="4.0"', 'Version="4.01"'),
    );
  });

  describe('rich model', () => {
    const xml = renderCsdlXml(richMetadataModel(), { version: '4.0' });

    it('references the three vocabularies it uses, with their aliases', () => {
      for (const [alias, namespace] of [
        ['Core', 'Org.OData.Core.V1'],
        ['Capabilities', 'Org.OData.Capabilities.V1'],
        ['Validation', 'Org.OData.Validation.V1'],
      ]) {
        expect(xml).toContain(
          `  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/${namespace}.xml">\n` +
            `    <edmx:Include Namespace="${namespace}" Alias="${alias}"/>\n` +
            '  </edmx:Reference>\n',
        );
      }
    });

    it('sorts entity types and entity sets by name', () => {
      const order = (pattern: RegExp): string[] =>
        [...xml.matchAll(pattern)].map((match) => match[1] ?? '');
      expect(order(/<EntityType Name="(\w+)"/g)).toEqual(['Customer', 'Order', 'OrderItem']);
      expect(order(/<EntitySet Name="(\w+)"/g)).toEqual(['Customers', 'OrderItems', 'Orders']);
    });

    it('writes simple and composite keys in key order', () => {
      expect(xml).toContain('<Key>\n          <PropertyRef Name="Id"/>\n        </Key>');
      expect(xml).toContain(
        '<Key>\n          <PropertyRef Name="OrderId"/>\n          <PropertyRef Name="LineNumber"/>\n        </Key>',
      );
    });

    it.each([
      '<Property Name="Name" Type="Edm.String" Nullable="false" MaxLength="100"/>',
      '<Property Name="CreditLimit" Type="Edm.Decimal" Precision="12" Scale="2" DefaultValue="1000.00"/>',
      '<Property Name="Ratio" Type="Edm.Decimal" Scale="variable"/>',
      // A decimal without a scale must not read as Scale 0 (integers only).
      '<Property Name="Score" Type="Edm.Decimal" Scale="variable"/>',
      '<Property Name="Birthday" Type="Edm.Date"/>',
      '<Property Name="UpdatedAt" Type="Edm.DateTimeOffset" Precision="3">',
      '<Property Name="Active" Type="Edm.Boolean" Nullable="false" DefaultValue="true"/>',
      '<Property Name="Tags" Type="Collection(Edm.String)" Nullable="false" MaxLength="50"/>',
      '<Property Name="Scores" Type="Collection(Edm.Int32)" Nullable="true"/>',
      '<Property Name="Weight" Type="Edm.Double" DefaultValue="INF"/>',
      '<Property Name="LineNumber" Type="Edm.Int16" Nullable="false"/>',
    ])('writes facets: %s', (line) => {
      expect(xml).toContain(line);
    });

    it('annotates computed, immutable and described properties', () => {
      expect(elementLines(xml, '<Property Name="Id" Type="Edm.Int64"', '</Property>')).toBe(
        '<Property Name="Id" Type="Edm.Int64" Nullable="false">\n' +
          '          <Annotation Term="Core.Description" String="Record number"/>\n' +
          '          <Annotation Term="Core.Computed" Bool="true"/>\n' +
          '        </Property>',
      );
      expect(elementLines(xml, '<Property Name="ExternalId"', '</Property>')).toContain(
        '<Annotation Term="Core.Immutable" Bool="true"/>',
      );
    });

    it('lists allowed values, escaped', () => {
      expect(
        elementLines(xml, '<Property Name="Status"', '</Property>').replace(/\n\s*/g, ''),
      ).toBe(
        '<Property Name="Status" Type="Edm.String" DefaultValue="Active">' +
          '<Annotation Term="Validation.AllowedValues"><Collection>' +
          '<Record><PropertyValue Property="Value" String="Active"/></Record>' +
          '<Record><PropertyValue Property="Value" String="On hold"/></Record>' +
          '<Record><PropertyValue Property="Value" String="Closed &lt;old&gt; &amp; &quot;gone&quot;"/></Record>' +
          '</Collection></Annotation></Property>',
      );
    });

    it('escapes descriptions with markup, quotes, tabs, newlines and non-ASCII text', () => {
      expect(xml).toContain(
        '<Annotation Term="Core.Description" String="Kunden &lt;VIP&gt; &amp; &quot;Partner&quot; \'Ünïcödé\' 顧客&#9;Tab&#10;Line"/>',
      );
      expect(xml).toContain(`String="${escapeXml(oddDescription)}"`);
    });

    it('writes navigation with partners, and referential constraints on single-valued navigation', () => {
      expect(xml).toContain(
        '<NavigationProperty Name="Customer" Type="Tsunagi.Customer" Nullable="false" Partner="Orders">\n' +
          '          <ReferentialConstraint Property="CustomerId" ReferencedProperty="Id"/>\n' +
          '        </NavigationProperty>',
      );
      expect(xml).toContain(
        '<NavigationProperty Name="Order" Type="Tsunagi.Order" Nullable="false" Partner="Items">\n' +
          '          <ReferentialConstraint Property="OrderId" ReferencedProperty="Id"/>\n' +
          '        </NavigationProperty>',
      );
      // Collection-valued: no Nullable, no constraints (the partner carries them).
      expect(xml).toContain(
        '<NavigationProperty Name="Orders" Type="Collection(Tsunagi.Order)" Partner="Customer"/>',
      );
      expect(xml).toContain(
        '<NavigationProperty Name="Items" Type="Collection(Tsunagi.OrderItem)" Partner="Order"/>',
      );
    });

    it('binds every navigation property of every set to its target set', () => {
      expect(entitySetXml(xml, 'Customers')).toContain(
        '<NavigationPropertyBinding Path="Orders" Target="Orders"/>',
      );
      expect(entitySetXml(xml, 'Orders')).toContain(
        '<NavigationPropertyBinding Path="Customer" Target="Customers"/>' +
          '<NavigationPropertyBinding Path="Items" Target="OrderItems"/>',
      );
      expect(entitySetXml(xml, 'OrderItems')).toContain(
        '<NavigationPropertyBinding Path="Order" Target="Orders"/>',
      );
    });

    it('says what the Customers set supports', () => {
      expect(entitySetXml(xml, 'Customers')).toBe(
        '<EntitySet Name="Customers" EntityType="Tsunagi.Customer">' +
          '<NavigationPropertyBinding Path="Orders" Target="Orders"/>' +
          '<Annotation Term="Core.Description" String="All customers"/>' +
          '<Annotation Term="Core.OptimisticConcurrency"><Collection><PropertyPath>Revision</PropertyPath></Collection></Annotation>' +
          '<Annotation Term="Capabilities.TopSupported" Bool="true"/>' +
          '<Annotation Term="Capabilities.SkipSupported" Bool="true"/>' +
          '<Annotation Term="Capabilities.CountRestrictions"><Record><PropertyValue Property="Countable" Bool="true"/></Record></Annotation>' +
          '<Annotation Term="Capabilities.FilterFunctions"><Collection>' +
          '<String>contains</String><String>startswith</String><String>endswith</String><String>tolower</String>' +
          '</Collection></Annotation>' +
          '<Annotation Term="Capabilities.FilterRestrictions"><Record>' +
          '<PropertyValue Property="Filterable" Bool="true"/>' +
          '<PropertyValue Property="RequiresFilter" Bool="false"/>' +
          '<PropertyValue Property="NonFilterableProperties"><Collection><PropertyPath>Tags</PropertyPath></Collection></PropertyValue>' +
          '</Record></Annotation>' +
          '<Annotation Term="Capabilities.SortRestrictions"><Record>' +
          '<PropertyValue Property="Sortable" Bool="true"/>' +
          '<PropertyValue Property="NonSortableProperties"><Collection><PropertyPath>Tags</PropertyPath><PropertyPath>Ratio</PropertyPath></Collection></PropertyValue>' +
          '</Record></Annotation>' +
          '<Annotation Term="Capabilities.SearchRestrictions"><Record><PropertyValue Property="Searchable" Bool="true"/></Record></Annotation>' +
          '<Annotation Term="Capabilities.InsertRestrictions"><Record><PropertyValue Property="Insertable" Bool="true"/></Record></Annotation>' +
          '<Annotation Term="Capabilities.UpdateRestrictions"><Record><PropertyValue Property="Updatable" Bool="true"/></Record></Annotation>' +
          '<Annotation Term="Capabilities.DeleteRestrictions"><Record><PropertyValue Property="Deletable" Bool="true"/></Record></Annotation>' +
          '</EntitySet>',
      );
    });

    it('says what a read-only set does not support', () => {
      const orderItems = entitySetXml(xml, 'OrderItems');
      for (const fragment of [
        // If-Match required but no ETag property: an empty list.
        '<Annotation Term="Core.OptimisticConcurrency"><Collection/></Annotation>',
        '<Annotation Term="Capabilities.TopSupported" Bool="true"/>',
        '<Annotation Term="Capabilities.SkipSupported" Bool="false"/>',
        '<PropertyValue Property="Countable" Bool="false"/>',
        '<Annotation Term="Capabilities.FilterFunctions"><Collection/></Annotation>',
        '<PropertyValue Property="Searchable" Bool="false"/>',
        '<PropertyValue Property="Insertable" Bool="false"/>',
        '<PropertyValue Property="Updatable" Bool="false"/>',
        '<PropertyValue Property="Deletable" Bool="false"/>',
      ]) {
        expect(orderItems).toContain(fragment);
      }
      expect(entitySetXml(xml, 'Orders')).not.toContain('Core.OptimisticConcurrency');
    });

    it('claims the Intermediate conformance level before the entity sets', () => {
      expect(xml).toContain(
        '<EntityContainer Name="Service">\n' +
          '        <Annotation Term="Capabilities.ConformanceLevel" EnumMember="Capabilities.ConformanceLevelType/Intermediate"/>\n' +
          '        <EntitySet Name="Customers"',
      );
    });
  });

  it('claims only Minimal conformance when a set does not support $top', () => {
    const model = serviceModel([
      entitySet(
        'Things',
        entityType({
          name: 'Thing',
          key: ['Id'],
          properties: [property('Id', 'Edm.String', { nullable: false })],
        }),
        {
          capabilities: capabilities({ topSupported: false }),
        },
      ),
    ]);
    expect(renderCsdlXml(model, { version: '4.0' })).toContain(
      'EnumMember="Capabilities.ConformanceLevelType/Minimal"',
    );
  });

  it('renders the same text whatever order the model lists its sets in', () => {
    const model = richMetadataModel();
    const reversed = serviceModel([...model.entitySets.values()].reverse());
    expect(renderCsdlXml(reversed, { version: '4.0' })).toBe(
      renderCsdlXml(model, { version: '4.0' }),
    );
  });

  it('writes a schema without entity container for a service without entity sets', () => {
    expect(renderCsdlXml(serviceModel([]), { version: '4.01' })).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n' +
        '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" xmlns="http://docs.oasis-open.org/odata/ns/edm" Version="4.01">\n' +
        '  <edmx:DataServices>\n' +
        '    <Schema Namespace="Tsunagi"/>\n' +
        '  </edmx:DataServices>\n' +
        '</edmx:Edmx>\n',
    );
  });

  it('refuses to render an invalid model', () => {
    const broken = serviceModel([
      entitySet('Things', entityType({ name: 'Thing', key: ['Missing'], properties: [] })),
    ]);
    let thrown: unknown;
    try {
      renderCsdlXml(broken, { version: '4.0' });
    } catch (error) {
      thrown = error;
    }
    expect(isTsunagiError(thrown) && thrown.code).toBe('TSG900');
  });
});
