// The numbers the form shows beside section titles, following the document's numbering scheme
// (the printed numbers come from the Rust model; these only help find one's way in the form).
import type { NumberingScheme } from "./document";

const ROMAN: [number, string][] = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

export function roman(n: number): string {
  let out = "";
  for (const [v, s] of ROMAN) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** Vietnamese letters for điểm: a, b, c, d, đ, e, … */
const LETTERS = "abcdđeghiklmnopqrstuvxy";

/** The label of a section at `indexes` (0-based, outermost first): "I.", "1.", "a)", "1.2.". */
export function sectionLabel(scheme: NumberingScheme | undefined, indexes: readonly number[]): string {
  const ns = indexes.map((i) => i + 1);
  const depth = ns.length;
  const last = ns[depth - 1] ?? 1;
  switch (scheme ?? "roman-arabic-letter") {
    case "roman-arabic-letter":
      if (depth === 1) return `${roman(last)}.`;
      if (depth === 2) return `${last}.`;
      return `${LETTERS[(last - 1) % LETTERS.length]})`;
    case "roman-decimal":
      if (depth === 1) return `${roman(last)}.`;
      return `${ns.slice(1).join(".")}.`;
    case "decimal":
      return `${ns.join(".")}.`;
    case "arabic-letter":
      if (depth === 1) return `${last}.`;
      return `${LETTERS[(last - 1) % LETTERS.length]})`;
    case "articles":
      if (depth === 1) return `Điều ${last}.`;
      if (depth === 2) return `${last}.`;
      return `${LETTERS[(last - 1) % LETTERS.length]})`;
  }
}
