// Following a diagnostic to its field: the form's fields carry their path in `data-path`.
import { resolveField } from "./paths";

/** Focuses (and scrolls to) the form field for `path` inside `root`; false when none fits. */
export function focusField(root: ParentNode, path: string): boolean {
  const elements = [...root.querySelectorAll<HTMLElement>("[data-path]")];
  const chosen = resolveField(
    path,
    elements.map((e) => e.dataset.path ?? ""),
  );
  const el = elements.find((e) => e.dataset.path === chosen);
  if (!el) return false;
  el.scrollIntoView({ block: "center" });
  el.focus();
  el.classList.remove("flash");
  // Restart the highlight animation.
  void el.offsetWidth;
  el.classList.add("flash");
  return true;
}

/** After the form has redrawn, focuses the field bound to exactly `path`. */
export function focusPath(path: string): void {
  queueMicrotask(() => {
    requestAnimationFrame(() => {
      document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`)?.focus();
    });
  });
}
