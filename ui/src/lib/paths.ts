// Field paths, as the checks name them (`body.sections[1].subsections[0].title`,
// `recipients.entries`), and the form fields that carry them in `data-path`.

/** True when `prefix` is `path` or a part of it that ends at a "." or "[" boundary. */
export function isPathPrefix(prefix: string, path: string): boolean {
  if (prefix === "") return true;
  return path === prefix || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
}

/**
 * The form field to focus for a diagnostic's path, among the fields the form shows:
 * the field itself; else the nearest enclosing field (a check on `body.sections[0]` goes to the
 * section's title, which is the first field inside it); else the deepest field that encloses
 * the path (a check on a part the form does not show goes to the nearest part it does).
 * `null` when nothing is related.
 */
export function resolveField(path: string, fields: readonly string[]): string | null {
  if (fields.includes(path)) return path;
  // A field inside the part the check names: the first one, in form order.
  const inside = fields.find((f) => isPathPrefix(path, f));
  if (inside !== undefined) return inside;
  // A field that encloses the path: the longest one.
  let best: string | null = null;
  for (const f of fields) {
    if (isPathPrefix(f, path) && (best === null || f.length > best.length)) best = f;
  }
  if (best !== null) return best;
  // Otherwise the deepest common part: `header.issuing_body.abbreviation` with only
  // `header.issuing_body.name` shown goes to the name.
  const parts = splitPath(path);
  for (let n = parts.length - 1; n > 0; n--) {
    const parent = joinPath(parts.slice(0, n));
    const near = fields.find((f) => isPathPrefix(parent, f));
    if (near !== undefined) return near;
  }
  return null;
}

/** `body.sections[1].title` → ["body", "sections", 1, "title"]. */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of (m[2] ?? "").matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The inverse of {@link splitPath}. */
export function joinPath(parts: readonly (string | number)[]): string {
  let out = "";
  for (const p of parts) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? p : `.${p}`;
  }
  return out;
}
