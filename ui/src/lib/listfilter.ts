// The list screen's filters over the rows it has: by document type, by the drafting unit (the
// unit of the person who drafts it) and by year (of the last change), and the choices each
// filter offers.
import type { DocumentRow } from "./bindings";

export interface RowFilter {
  docType: string;
  year: string;
  /** A unit's name; "" for every unit. */
  unit?: string;
}

/** The unit of a login, as the directory records it. */
export type UnitOf = (login: string) => string | null | undefined;

/** The year a row belongs to: its last change's (RFC 3339 "2025-…"). */
export function rowYear(r: DocumentRow): string {
  return r.updatedAt.slice(0, 4);
}

export function filterRows(rows: readonly DocumentRow[], f: RowFilter, unitOf: UnitOf = () => null): DocumentRow[] {
  return rows.filter(
    (r) =>
      (!f.docType || r.docType === f.docType) &&
      (!f.year || rowYear(r) === f.year) &&
      (!f.unit || unitOf(r.owner) === f.unit),
  );
}

/** The types and years present, for the filters' choices (years newest first). */
export function choices(
  rows: readonly DocumentRow[],
  unitOf: UnitOf = () => null,
): { types: string[]; years: string[]; units: string[] } {
  const types = [...new Set(rows.map((r) => r.docType))].sort();
  const years = [...new Set(rows.map(rowYear))].sort().reverse();
  const units = [...new Set(rows.map((r) => unitOf(r.owner)).filter((u): u is string => !!u))].sort((a, b) =>
    a.localeCompare(b, "vi"),
  );
  return { types, years, units };
}
