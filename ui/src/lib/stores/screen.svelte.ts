// Which screen is shown once a person is chosen (the editor takes over while a document is open);
// the tracking screen may be opened on one plan or status (from the reminders).
import type { StatusChoice } from "../api";

export const ui = $state<{
  screen: "list" | "registry" | "directory" | "tracking";
  tracking: { plan: number | null; status: StatusChoice | null };
}>({ screen: "list", tracking: { plan: null, status: null } });
