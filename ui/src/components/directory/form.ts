// What every form of the directory screen does on a refusal: show the shell's message and put
// the focus in the field it names (`data-field`), keeping everything typed.
import type { ApiError } from "../../lib/api";

export function focusField(form: HTMLElement | undefined, error: ApiError): void {
  const field = error.detail ?? "";
  const el =
    form?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`) ??
    form?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field.replace(/\[\d+\]$/, ""))}"]`) ??
    form?.querySelector<HTMLElement>("[data-field]");
  el?.focus();
}
