// Dates as Vietnamese people write them — dd/mm/yyyy — whatever the locale of the web view
// (WebKitGTK's date picker follows the system's and showed mm/dd/yyyy). The model and the
// shell keep ISO dates (yyyy-mm-dd); these functions convert both ways.

/** An ISO date (yyyy-mm-dd) as dd/mm/yyyy; anything else as it is. */
export function vnDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? "");
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A date as typed — "5/3/2025", "05/03/2025", "5-3-2025", "5.3.2025", or ISO "2025-03-05" —
 * as ISO; empty is none. A day that does not exist (31/04, 29/02 of a common year) or a
 * two-digit year is refused saying how to write it.
 */
export function parseVnDate(text: string): { iso: string | null; error: string | null } {
  const t = text.trim();
  if (t === "") return { iso: null, error: null };
  let d: number, m: number, y: number;
  const vn = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return { iso: null, error: "Ngày viết theo dạng ngày/tháng/năm, ví dụ 05/03/2025." };
  const real = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || d < 1 || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d || y < 1900 || y > 2200) {
    return { iso: null, error: `Không có ngày ${pad(d)}/${pad(m)}/${y}.` };
  }
  return { iso: `${y}-${pad(m)}-${pad(d)}`, error: null };
}

/** Today on this computer, as ISO. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
