// A copy of the unsaved content of each open draft in the webview's local storage, so that text
// typed in the seconds before a crash, a power cut or a closed window is not lost: it is
// written with every edit, removed once a save has stored everything, and offered back the
// next time the document is opened.
//
// A copy names the document by its id and its creation time (another database, or a database
// made afresh, can have a document of the same id), and the revision the edits started from.
// A copy whose save was refused because someone saved a later revision meanwhile is marked as
// a conflict: it is never put back silently over that revision, the person chooses.
import type { Document } from "./document";

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Which document: its id and when it was created (RFC 3339). */
export interface DraftKey {
  id: number;
  createdAt: string;
}

interface Entry {
  createdAt: string;
  /** The revision the edits started from. */
  revision: number;
  document: Document;
  /** Why the save was refused, when it was: a later revision was saved by someone else. */
  conflict?: string;
}

/** What there is to give back on opening. */
export interface Unsaved {
  document: Document;
  /** Set when these edits were refused in favour of a later revision (the message said why). */
  conflict: string | null;
}

const key = (id: number) => `vanban.unsaved.${id}`;

export class DraftBackup {
  #storage: KeyValueStorage | null;

  constructor(storage: KeyValueStorage | null) {
    this.#storage = storage;
  }

  /** Remembers the content of a document, edited from `revision`; `conflict` when its save
   * was refused because of a later revision. */
  put(doc: DraftKey, revision: number, document: Document, conflict?: string): void {
    const entry: Entry = { createdAt: doc.createdAt, revision, document };
    if (conflict) entry.conflict = conflict;
    try {
      this.#storage?.setItem(key(doc.id), JSON.stringify(entry));
    } catch {
      // Storage full or unavailable: the autosave still runs; nothing else to do.
    }
  }

  /** Forgets it (everything is saved, or the person chose to drop it). */
  clear(id: number): void {
    try {
      this.#storage?.removeItem(key(id));
    } catch {
      // as above
    }
  }

  /**
   * The unsaved content to give back when a document is opened at `revision` with `current`
   * content: edits made on that same revision and different from it, or edits refused in a
   * conflict (whatever the revision now is). A copy of another document of the same id, or
   * made on an older revision without a conflict (a later save holds it), is dropped.
   */
  restorable(doc: DraftKey, revision: number, current: Document): Unsaved | null {
    let entry: Entry | null = null;
    try {
      const raw = this.#storage?.getItem(key(doc.id));
      entry = raw ? (JSON.parse(raw) as Entry) : null;
    } catch {
      entry = null;
    }
    const usable =
      entry !== null &&
      typeof entry.revision === "number" &&
      typeof entry.createdAt === "string" &&
      !!entry.document &&
      entry.createdAt === doc.createdAt;
    if (!entry || !usable || JSON.stringify(entry.document) === JSON.stringify(current)) {
      this.clear(doc.id);
      return null;
    }
    if (typeof entry.conflict === "string") {
      return { document: entry.document, conflict: entry.conflict };
    }
    if (entry.revision !== revision) {
      this.clear(doc.id);
      return null;
    }
    return { document: entry.document, conflict: null };
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
