// The directory of the current person's body: units, recipient groups and signers the forms
// pick from, and the directory screen. Loaded once per person.
import { api, ApiError, toApiError, type DirectoryEditInput, type DirectoryView } from "../api";

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

/** The names of the body's units still in use, for the task table's pickers. */
export function unitNames(): string[] {
  return directory.view?.units.filter((u) => u.active).map((u) => u.name) ?? [];
}

/** Saves one change of the directory screen (administrators); the directory shown everywhere
 * is the one the shell sends back. A refusal is returned, not thrown, with the field it names
 * (`detail`), so the form keeps what was typed and puts the focus back in that field. */
export async function saveEdit(edit: DirectoryEditInput): Promise<ApiError | null> {
  const body = directory.view?.entries?.body;
  if (!body) return new ApiError({ code: "not-allowed", message: "Chỉ quản trị sửa được danh bạ.", detail: null });
  try {
    directory.view = await api.editDirectory(body, edit);
    return null;
  } catch (e) {
    return toApiError(e);
  }
}
