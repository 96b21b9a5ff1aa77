// The shape of a practice item, whether generated from a template or authored by a
// teacher (QTI/CSV import). Pure data: the server renders math, checks answers and
// stores explanations from it; nothing here touches the database.

export type Locale = 'en' | 'es';

/** Text shown to a student: plain text runs and TeX math runs (rendered to MathML). */
export type Segment = { kind: 'text'; text: string } | { kind: 'math'; tex: string };
export type RichText = Segment[];

/** How an answer is checked. Each kind names the equivalent forms it accepts. */
export type AnswerSpec =
  | {
      kind: 'number';
      /** The exact value as a string mathjs parses: "0.5", "3/4", "-12". */
      value: string;
      /** Accept fraction/decimal/mixed-number forms of the same value (default true). */
      acceptEquivalentForms?: boolean;
      /** The item asks for simplest form: "2/4" is then wrong for "1/2" (with feedback). */
      requireSimplestFraction?: boolean;
      /** Absolute tolerance for rounded answers (e.g. 0.01 for "to the nearest hundredth"). */
      tolerance?: number;
      /** Unit the answer may carry ("cm", "cm^2", "%", "$"); omitting it is accepted. */
      unit?: string;
    }
  | {
      kind: 'expression';
      /** A mathjs expression: "2x + 6", "3(x + 2)". */
      value: string;
      variables: string[];
      /** The item asks for an equivalent but specific form; not enforced beyond equivalence. */
      form?: 'any' | 'expanded' | 'factored';
    }
  | {
      /** "x = 3" or "3"; several solutions allowed ("x = 2 or x = -2" is out of scope for K-8). */
      kind: 'equation-solution';
      variable: string;
      value: string;
    }
  | {
      kind: 'choice';
      /** Identifiers of the correct choices; more than one means "select all that apply". */
      correct: string[];
    }
  | {
      kind: 'text';
      /** Accepted answers, compared case- and whitespace-insensitively. */
      accepted: string[];
      caseSensitive?: boolean;
    };

export interface Choice {
  id: string;
  content: RichText;
}

export interface ItemContent {
  prompt: RichText;
  /** Present for choice items, in display order. */
  choices?: Choice[];
  /** What the answer box expects, shown as a hint under it ("a fraction", "a number in cm"). */
  answerFormat?: RichText;
  answer: AnswerSpec;
  /** 2–3 hints, each more specific than the last (the last never gives the answer away outright). */
  hints: RichText[];
  /** The worked solution, step by step. */
  solution: RichText[];
}

/** A generated item: the same template, seed and locale always give the same item. */
export interface GeneratedItem extends ItemContent {
  templateKey: string;
  seed: number;
}

export interface SkillDefinition {
  /** Stable Trellis code, e.g. "g6.ratio-tables". */
  code: string;
  /** Aligned standard, e.g. CCSS "6.RP.A.3". Several skills may share one standard. */
  standard: string;
  grade: number;
  domain:
    | 'place-value'
    | 'multiplication'
    | 'fractions'
    | 'decimals'
    | 'ratios'
    | 'percent'
    | 'integers'
    | 'expressions'
    | 'equations'
    | 'geometry'
    | 'statistics';
  name: Record<Locale, string>;
  /** Codes of skills a student should master first. */
  prerequisites: string[];
}

/** Deterministic random source handed to templates (see rng.ts). */
export interface Rng {
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number;
  pick<T>(values: readonly T[]): T;
  shuffle<T>(values: readonly T[]): T[];
  /** true with probability p. */
  chance(p: number): boolean;
}

export interface ItemTemplate {
  /** Stable key, e.g. "g6.ratio-tables/missing-value". Stored with every served item. */
  key: string;
  skill: string;
  /** Builds the item for a locale; must use only rng for randomness. */
  generate(rng: Rng, locale: Locale): ItemContent;
}

export interface SkillModule {
  skills: SkillDefinition[];
  templates: ItemTemplate[];
}
