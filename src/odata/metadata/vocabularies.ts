/**
 * The OASIS vocabularies that $metadata annotations use, with the aliases the documents
 * include them under and the standard locations of their CSDL XML and CSDL JSON forms.
 * The order here is the order of the references in both documents.
 */

export type VocabularyAlias = 'Core' | 'Capabilities' | 'Validation';

export interface Vocabulary {
  readonly alias: VocabularyAlias;
  readonly namespace: string;
  /** Where the vocabulary's CSDL XML lives (`edmx:Reference Uri`). */
  readonly xmlUri: string;
  /** Where the vocabulary's CSDL JSON lives (key of `$Reference`). */
  readonly jsonUri: string;
}

const vocabularyBase = 'https://oasis-tcs.github.io/odata-vocabularies/vocabularies/';

function vocabulary(alias: VocabularyAlias, namespace: string): Vocabulary {
  return {
    alias,
    namespace,
    xmlUri: `${vocabularyBase}${namespace}.xml`,
    jsonUri: `${vocabularyBase}${namespace}.json`,
  };
}

export const vocabularies: readonly Vocabulary[] = [
  vocabulary('Core', 'Org.OData.Core.V1'),
  vocabulary('Capabilities', 'Org.OData.Capabilities.V1'),
  vocabulary('Validation', 'Org.OData.Validation.V1'),
];
