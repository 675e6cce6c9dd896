// The list screen: documents in the chosen state, those waiting for the current person, or
// the results of a search; filtered by type and year.
import { api, type DocumentRow, type DocumentState } from "../api";

/** A tab of the list: a state, or "waiting" (Chờ tôi xử lý). */
export type ListTab = DocumentState | "waiting";

export const documents = $state<{
  filter: ListTab;
  rows: DocumentRow[];
  loading: boolean;
  /** The search words; when set the rows are the search's results, in every state. */
  query: string;
  docType: string;
  year: string;
  unit: string;
}>({ filter: "draft", rows: [], loading: false, query: "", docType: "", year: "", unit: "" });

export async function refresh(): Promise<void> {
  documents.loading = true;
  try {
    const q = documents.query.trim();
    documents.rows = q
      ? await api.search(q)
      : documents.filter === "waiting"
        ? await api.waiting()
        : await api.listDocuments(documents.filter);
  } finally {
    documents.loading = false;
  }
}

export async function showState(state: ListTab): Promise<void> {
  documents.filter = state;
  documents.query = "";
  await refresh();
}

export async function search(text: string): Promise<void> {
  documents.query = text;
  await refresh();
}
