import type { ParameterValue } from './rule';

/** Where a profile's requirement comes from: a clause of the district procedure it was built from. */
export interface PolicyCitation {
  /** As the README says: `§1.2.4`, or the heading name for documents without numbered clauses. */
  clause: string;
  /** A short quotation (or close paraphrase) of what the clause requires. */
  text: string;
}

export interface ProfileRule {
  /** A rule switched off yields no result at all (rules.md). */
  enabled: boolean;
  /** Values for the rule's parameters that differ from the rule's defaults. */
  parameters: Record<string, ParameterValue>;
  citations: PolicyCitation[];
}

/** One shipped profile per district procedure in shared/policies: which rules are on, their parameters, their citations. */
export interface PolicyProfile {
  id: string;
  name: string;
  /** The procedure's title and district. */
  document: string;
  /** The file in shared/policies the citations point into. */
  sourceFile: string;
  summary: string;
  /** Every rule id of the catalogue appears here, enabled or not. */
  rules: Record<string, ProfileRule>;
}
