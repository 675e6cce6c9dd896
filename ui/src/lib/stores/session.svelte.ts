// Who is using the app.
import { api, type PersonView } from "../api";
import { notices } from "./notices.svelte";
import { ui } from "./screen.svelte";

export const session = $state<{
  people: PersonView[];
  person: PersonView | null;
  database: string;
  loaded: boolean;
}>({ people: [], person: null, database: "", loaded: false });

export async function loadPeople(): Promise<void> {
  const [people, database] = await Promise.all([api.people(), api.databasePath()]);
  session.people = people;
  session.database = database;
  session.loaded = true;
}

/** Uses the app as `login`, with their PIN when they set one (the shell refuses otherwise). */
export async function choosePerson(login: string, pin: string | null = null): Promise<void> {
  session.person = await api.choosePerson(login, pin);
}

export function leave(): void {
  session.person = null;
  ui.screen = "list";
  // The next person does not need the previous one's messages.
  notices.items = [];
}
