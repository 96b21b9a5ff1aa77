// Shapes shared by the item importers (QTI, CSV) and importItems. Importers never throw
// on bad input: every problem becomes an ImportError so a teacher sees them all at once.
import type { ItemContent } from '../content/item';

export type ImportFormat = 'qti3' | 'qti21' | 'csv';

export interface ImportError {
  /** Which item: a file name ("ratios-1.xml"), "items[3]", "row 7", or "upload" for the whole request. */
  item: string;
  /** Where in it: an element path, a CSV column name, or a request field. */
  path?: string;
  /** Stable code clients may match on ("xml_doctype", "unknown_skill", ...). */
  code: string;
  message: string;
}

/** One item an importer understood, before the upload-wide checks (skills, duplicates). */
export interface ParsedItem {
  /** Name used in error reports: file name, "items[3]" or "row 7". */
  source: string;
  externalId: string;
  /** Skill code the item names itself (QTI label="skill:…", CSV skill column), if any. */
  skill: string | null;
  content: ItemContent;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: ImportError[] };

export const IMPORT_LIMITS = {
  /** One upload (CSV text, or the sum of all QTI documents). */
  uploadBytes: 5 * 1024 * 1024,
  /** Items (QTI documents or CSV rows) per upload. */
  items: 500,
};
