// The directory of the current person's body: units, recipient groups and signers the forms
// pick from, and the directory screen. Loaded once per person.
import { api, type DirectoryView } from "../api";

export const directory = $state<{ view: DirectoryView | null; login: string | null }>({
  view: null,
  login: null,
});

/** Loads the directory for `login` unless it is loaded already. */
export async function loadDirectory(login: string): Promise<DirectoryView> {
  if (directory.view && directory.login === login) return directory.view;
  const view = await api.directory();
  directory.view = view;
  directory.login = login;
  return view;
}

/** The names of the body's units, for the task table's pickers. */
export function unitNames(): string[] {
  return directory.view?.units.map((u) => u.name) ?? [];
}
