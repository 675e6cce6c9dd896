// What the person is reminded of when the app opens (tasks overdue or due within 7 days, of the
// plans they follow and of their unit): loaded once per person chosen, until closed.
import { api, type RemindersView } from "../api";

export const reminders = $state<{ login: string | null; view: RemindersView | null; closed: boolean }>({
  login: null,
  view: null,
  closed: false,
});

/** Loads the reminders of `login` unless they are loaded already. */
export async function remindersFor(login: string): Promise<void> {
  if (reminders.login === login) return;
  reminders.login = login;
  reminders.closed = false;
  reminders.view = null;
  reminders.view = await api.taskReminders();
}

/** After a report: the reminders are read again the next time the list shows. */
export function forgetReminders(): void {
  reminders.login = null;
}
