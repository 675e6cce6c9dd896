// The ordered members of a recipient group as the directory screen edits them: added at the
// end (blank and repeated names refused, as the store's rules refuse them), moved up or down
// one place, removed. Pure functions: each returns a new list and leaves the old one alone.

/** How two recipient names compare: case, spaces and a trailing note in brackets ignored. */
export function memberKey(name: string): string {
  return name
    .replace(/\([^)]*\)/g, "")
    .normalize("NFC")
    .toLocaleLowerCase("vi")
    .replace(/\s+/g, " ")
    .trim();
}

/** `members` with `name` added at the end, or why not. */
export function addMember(members: string[], name: string): { members: string[]; error: string | null } {
  const clean = name.normalize("NFC").trim();
  if (!clean) return { members, error: "Nhập tên nơi nhận trước khi thêm." };
  if (members.some((m) => memberKey(m) === memberKey(clean))) {
    return { members, error: `Nơi nhận “${clean}” đã có trong nhóm.` };
  }
  return { members: [...members, clean], error: null };
}

/** `members` with the one at `index` moved by `by` places (−1 up, +1 down); unchanged at the ends. */
export function moveMember(members: string[], index: number, by: -1 | 1): string[] {
  const to = index + by;
  if (index < 0 || index >= members.length || to < 0 || to >= members.length) return members;
  const out = [...members];
  const moved = out[index] as string;
  out[index] = out[to] as string;
  out[to] = moved;
  return out;
}

/** `members` without the one at `index`. */
export function removeMember(members: string[], index: number): string[] {
  return members.filter((_, i) => i !== index);
}

/** Titles typed one per line, as the person form stores them. */
export function titlesFromText(text: string): string[] {
  return text
    .split("\n")
    .map((t) => t.trim())
    .filter((t) => t !== "");
}

/** Whether a PIN is 4 to 8 digits (the shell checks again). */
export function isPin(pin: string): boolean {
  return /^[0-9]{4,8}$/.test(pin);
}
