// The settings form of the body's style profile ("Thể thức trình bày"): its values grouped as
// the decree's specimen is (Trang, Cỡ chữ, Đoạn văn, Phần đầu, Phần cuối), checked against the
// ranges the shell sent before anything is saved, and only the values changed sent back.
import type { StyleEntryView } from "./bindings";

/** The groups of the form, in order. */
export const STYLE_GROUPS = ["Trang", "Cỡ chữ", "Đoạn văn", "Phần đầu", "Phần cuối"] as const;

/** The values typed, by key; `null` while a field is empty or not a number. */
export type StyleValues = Record<string, number | null>;

export interface StyleGroup {
  name: string;
  entries: StyleEntryView[];
}

/** The entries by group, the groups in the form's order (an unknown group goes last). */
export function groupEntries(entries: StyleEntryView[]): StyleGroup[] {
  const names = [...STYLE_GROUPS, ...entries.map((e) => e.group).filter((g) => !(STYLE_GROUPS as readonly string[]).includes(g))];
  return [...new Set(names)]
    .map((name) => ({ name, entries: entries.filter((e) => e.group === name) }))
    .filter((g) => g.entries.length > 0);
}

/** The values as the shell sent them. */
export function initialValues(entries: StyleEntryView[]): StyleValues {
  return Object.fromEntries(entries.map((e) => [e.key, e.value]));
}

/** A number as Vietnamese writes it: 1,27 — and 0,4 rather than 0.4000000059604645. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000).replace(".", ",");
}

/** Two values the same to the precision the sheet keeps (f32). */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-4;
}

/** Why a value cannot be kept, in Vietnamese naming the field; "" when it can. */
export function checkValue(entry: StyleEntryView, value: number | null): string {
  if (value === null || !Number.isFinite(value)) {
    return `${entry.label}: nhập một số (${entry.allowed}).`;
  }
  // The shell sends numbers as JSON, where a missing bound would be null: no bound then.
  const choices = entry.choices.filter((c): c is number => c !== null);
  const ok =
    choices.length > 0
      ? choices.some((c) => Math.abs(c - value) < 1e-3)
      : value >= (entry.min ?? -Infinity) - 1e-4 && value <= (entry.max ?? Infinity) + 1e-4;
  return ok ? "" : `${entry.label}: ${formatNumber(value)} nằm ngoài khoảng Nghị định 30 cho phép (${entry.allowed}).`;
}

/** Every refused value, by key (empty when all can be kept). */
export function problems(entries: StyleEntryView[], values: StyleValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    const message = checkValue(e, values[e.key] ?? null);
    if (message) out[e.key] = message;
  }
  return out;
}

/** The values that differ from what the shell sent, to save. */
export function changedValues(entries: StyleEntryView[], values: StyleValues): { key: string; value: number }[] {
  return entries.flatMap((e) => {
    const v = values[e.key];
    return v !== null && v !== undefined && (e.value === null || !same(v, e.value)) ? [{ key: e.key, value: v }] : [];
  });
}
