// The tracking screen's pure parts: the status choices, the plans and units offered in the
// filters, the reminders in words, a report's percentage read from what was typed.
import type { RemindersView, StatusChoice, TaskView } from "./api";

/** The status filter's choices, in the order offered. */
export const STATUS_CHOICES: { value: StatusChoice; label: string }[] = [
  { value: "overdue", label: "Quá hạn" },
  { value: "due7", label: "Đến hạn trong 7 ngày" },
  { value: "due3", label: "Đến hạn trong 3 ngày" },
  { value: "due1", label: "Đến hạn trong 1 ngày" },
  { value: "open", label: "Chưa hoàn thành" },
  { value: "done", label: "Đã hoàn thành" },
  { value: "no-deadline", label: "Không có thời hạn" },
];

/** The plans of the listed tasks, once each, in the order first met: for the plan filter. */
export function plansOf(tasks: readonly TaskView[]): { id: number; label: string }[] {
  const seen = new Map<number, string>();
  for (const t of tasks) {
    if (!seen.has(t.plan)) seen.set(t.plan, `${t.planNumber} — ${t.planSubject}`);
  }
  return [...seen].map(([id, label]) => ({ id, label }));
}

/** The units named by the listed tasks (lead or cooperating), once each, sorted. */
export function unitsOf(tasks: readonly TaskView[]): string[] {
  const all = new Set<string>();
  for (const t of tasks) for (const u of [...t.lead, ...t.cooperating]) all.add(u);
  return [...all].sort((a, b) => a.localeCompare(b, "vi"));
}

/** "3 nhiệm vụ quá hạn, 2 sắp đến hạn" for a list of reminded tasks; "" for none. */
export function pressingWords(tasks: readonly TaskView[]): string {
  const overdue = tasks.filter((t) => t.status === "overdue").length;
  const soon = tasks.length - overdue;
  const parts: string[] = [];
  if (overdue) parts.push(`${overdue} nhiệm vụ quá hạn`);
  if (soon) parts.push(`${soon} nhiệm vụ sắp đến hạn (trong 7 ngày)`);
  return parts.join(", ");
}

/** The plan of all these tasks when they are of one plan; null when of several (or none). */
export function onlyPlan(tasks: readonly TaskView[]): number | null {
  const plans = new Set(tasks.map((t) => t.plan));
  return plans.size === 1 ? [...plans][0]! : null;
}

/** Whether the reminders have anything to say. */
export function hasReminders(r: RemindersView | null): boolean {
  return !!r && (r.asFollower.length > 0 || r.forUnit.length > 0);
}

/** The percentage typed in a report ("60", "60 %"), or the Vietnamese reason it cannot be used. */
export function readPercent(text: string): { value: number } | { error: string } {
  const t = text.trim().replace(/\s*%$/, "");
  if (!/^\d{1,3}$/.test(t) || Number(t) > 100) {
    return { error: `Tỷ lệ hoàn thành phải là một số từ 0 đến 100, không phải “${text.trim()}”.` };
  }
  return { value: Number(t) };
}

/** "2025-06-30" → "30/06/2025". */
export function dayText(iso: string | null): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}
