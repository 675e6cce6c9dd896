// Who is using the app.
import { api, type ConnectionView, type PersonView } from "../api";
import { notices } from "./notices.svelte";
import { ui } from "./screen.svelte";

export const session = $state<{
  people: PersonView[];
  person: PersonView | null;
  /** Where the database is, as shown. */
  database: string;
  connection: ConnectionView | null;
  loaded: boolean;
}>({ people: [], person: null, database: "", connection: null, loaded: false });

/** Where the database is and, when it could not be opened, why. */
export async function loadConnection(): Promise<ConnectionView> {
  const connection = await api.databaseConnection();
  session.connection = connection;
  session.database = connection.database;
  return connection;
}

/** The people to pick from; none while the database is not open (the start screen then
 * offers to connect). */
export async function loadPeople(): Promise<void> {
  // Both asked at once (the start screen waits for them); the people's answer counts only
  // when the database is open.
  const [connection, people] = await Promise.allSettled([loadConnection(), api.people()]);
  if (connection.status === "rejected") throw connection.reason;
  if (connection.value.error) session.people = [];
  else if (people.status === "rejected") throw people.reason;
  else session.people = people.value;
  session.loaded = true;
}

/** Connects to another database (or the same with its password); the person picks again. */
export async function connect(
  database: string,
  password: string | null,
  rootCertificate: string | null,
): Promise<void> {
  const connection = await api.connectDatabase(database, password, rootCertificate);
  session.connection = connection;
  session.database = connection.database;
  leave();
  session.people = await api.people();
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
