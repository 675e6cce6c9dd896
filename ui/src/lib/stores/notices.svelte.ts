// Messages to the user: what was done, what failed and why.
import { ApiError, toApiError } from "../api";
import { ERROR_TITLES } from "../labels";

export interface Notice {
  id: number;
  kind: "info" | "error";
  title: string;
  text: string;
  detail: string | null;
}

let seq = 0;

export const notices = $state<{ items: Notice[] }>({ items: [] });

/** How long a message that something was done stays (errors stay until closed). */
const INFO_MS = 4000;

export function inform(text: string): void {
  const id = ++seq;
  push({ id, kind: "info", title: "", text, detail: null });
  setTimeout(() => dismiss(id), INFO_MS);
}

/** A message with details to read (what a file read in could not place): stays until closed. */
export function report(title: string, text: string, detail: string): void {
  push({ id: ++seq, kind: "info", title, text, detail });
}

export function fail(error: unknown): void {
  const e: ApiError = toApiError(error);
  push({
    id: ++seq,
    kind: "error",
    title: ERROR_TITLES[e.code] ?? "Có lỗi",
    text: e.message,
    detail: e.detail,
  });
}

export function dismiss(id: number): void {
  notices.items = notices.items.filter((n) => n.id !== id);
}

function push(n: Notice): void {
  // Keep the last few; the newest last.
  notices.items = [...notices.items.slice(-3), n];
}
