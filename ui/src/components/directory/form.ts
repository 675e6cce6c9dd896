// What every form of the directory screen does on a refusal: show the shell's message and put
// the focus in the field it names (`data-field`), keeping everything typed.
import { tick } from "svelte";
import type { ApiError, DirectoryEditInput } from "../../lib/api";
import { saveEdit } from "../../lib/stores/directory.svelte";

export function focusField(form: HTMLElement | undefined, error: ApiError): void {
  const field = error.detail ?? "";
  const el =
    form?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`) ??
    form?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field.replace(/\[\d+\]$/, ""))}"]`) ??
    form?.querySelector<HTMLElement>("[data-field]");
  el?.focus();
}

/**
 * Saves one edit of the directory. On a refusal, gives the shell's message (to show in the
 * form) after putting the focus in the field it names; "" when saved.
 */
export async function saveOrFocus(form: HTMLElement | undefined, edit: DirectoryEditInput): Promise<string> {
  const err = await saveEdit(edit);
  if (!err) return "";
  await tick();
  focusField(form, err);
  return err.message;
}
