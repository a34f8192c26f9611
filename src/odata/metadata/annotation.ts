/**
 * Vocabulary annotations as data: which term applies to a model element and with what
 * value. The annotations of a service are decided once (metadata-annotations.ts) and then
 * written by both the CSDL XML and the CSDL JSON renderer, so the two always agree.
 *
 * Only the expression kinds $metadata needs exist here; each renderer switches over them
 * exhaustively.
 */
import type { VocabularyAlias } from './vocabularies.js';

export type AnnotationValue =
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string }
  /** A member of an enumeration type; `enumType` is alias-qualified ("Capabilities.ConformanceLevelType"). */
  | { readonly kind: 'enumMember'; readonly enumType: string; readonly member: string }
  /** A path to a structural property of the annotated entity type (Edm.PropertyPath). */
  | { readonly kind: 'propertyPath'; readonly path: string }
  | { readonly kind: 'collection'; readonly items: readonly AnnotationValue[] }
  | { readonly kind: 'record'; readonly properties: readonly RecordProperty[] };

export interface RecordProperty {
  readonly name: string;
  readonly value: AnnotationValue;
}

export interface Annotation {
  readonly vocabulary: VocabularyAlias;
  /** The term's name within its vocabulary, e.g. "Computed". */
  readonly term: string;
  readonly value: AnnotationValue;
}

/** The term as written in documents: alias-qualified, e.g. "Core.Computed". */
export function qualifiedTerm(annotation: Annotation): string {
  return `${annotation.vocabulary}.${annotation.term}`;
}
