// The list screen's filters over the rows it has: by document type and by year (of the issue
// number when issued, else of the last change), and the choices each filter offers.
import type { DocumentRow } from "./bindings";

export interface RowFilter {
  docType: string;
  year: string;
}

/** The year a row belongs to: its last change's (RFC 3339 "2025-…"). */
export function rowYear(r: DocumentRow): string {
  return r.updatedAt.slice(0, 4);
}

export function filterRows(rows: readonly DocumentRow[], f: RowFilter): DocumentRow[] {
  return rows.filter((r) => (!f.docType || r.docType === f.docType) && (!f.year || rowYear(r) === f.year));
}

/** The types and years present, for the filters' choices (years newest first). */
export function choices(rows: readonly DocumentRow[]): { types: string[]; years: string[] } {
  const types = [...new Set(rows.map((r) => r.docType))].sort();
  const years = [...new Set(rows.map(rowYear))].sort().reverse();
  return { types, years };
}
