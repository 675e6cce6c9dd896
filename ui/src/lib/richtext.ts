import type { RichText } from "./document";

/** The characters of a rich text, without its styling. */
export function plainText(text: RichText | null | undefined): string {
  if (text == null) return "";
  if (typeof text === "string") return text;
  return text.map((s) => (typeof s === "string" ? s : s.text)).join("");
}

/** True when the text has bold or italic parts, which a plain text field would lose. */
export function isStyled(text: RichText | null | undefined): boolean {
  return Array.isArray(text) && text.some((s) => typeof s !== "string" && (s.bold || s.italic));
}
