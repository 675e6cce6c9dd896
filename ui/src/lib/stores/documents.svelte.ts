// The list screen: documents in the chosen state.
import { api, type DocumentRow, type DocumentState } from "../api";

export const documents = $state<{
  filter: DocumentState;
  rows: DocumentRow[];
  loading: boolean;
}>({ filter: "draft", rows: [], loading: false });

export async function refresh(): Promise<void> {
  documents.loading = true;
  try {
    documents.rows = await api.listDocuments(documents.filter);
  } finally {
    documents.loading = false;
  }
}

export async function showState(state: DocumentState): Promise<void> {
  documents.filter = state;
  await refresh();
}
