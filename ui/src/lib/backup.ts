// A copy of the unsaved content of each open draft in the webview's local storage, so that text
// typed in the seconds before a crash, a power cut or a closed window is not lost: it is
// written with every edit, removed once a save has stored everything, and offered back the
// next time the document is opened.
import type { Document } from "./document";

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface Entry {
  /** The revision the edits started from. */
  revision: number;
  document: Document;
}

const key = (id: number) => `vanban.unsaved.${id}`;

export class DraftBackup {
  #storage: KeyValueStorage | null;

  constructor(storage: KeyValueStorage | null) {
    this.#storage = storage;
  }

  /** Remembers the content of document `id`, edited from `revision`. */
  put(id: number, revision: number, document: Document): void {
    try {
      this.#storage?.setItem(key(id), JSON.stringify({ revision, document } satisfies Entry));
    } catch {
      // Storage full or unavailable: the autosave still runs; nothing else to do.
    }
  }

  /** Forgets it (everything is saved). */
  clear(id: number): void {
    try {
      this.#storage?.removeItem(key(id));
    } catch {
      // as above
    }
  }

  /**
   * The unsaved content to restore when document `id` is opened at `revision` with `current`
   * content: only edits made on that same revision and different from it. An entry made on an
   * older revision is stale (a later save has it) and is dropped.
   */
  restorable(id: number, revision: number, current: Document): Document | null {
    let entry: Entry | null = null;
    try {
      const raw = this.#storage?.getItem(key(id));
      entry = raw ? (JSON.parse(raw) as Entry) : null;
    } catch {
      entry = null;
    }
    if (!entry || typeof entry.revision !== "number" || !entry.document) {
      this.clear(id);
      return null;
    }
    if (entry.revision !== revision || JSON.stringify(entry.document) === JSON.stringify(current)) {
      this.clear(id);
      return null;
    }
    return entry.document;
  }
}

/** The webview's local storage, when there is one. */
export function localStore(): KeyValueStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
