// The document open in the editor: its content as the user edits it, autosave, the live
// preview and the checks, and the workflow actions on it.
import { tick } from "svelte";
import { api, ApiError, type DiagnosticView, type DocumentAction, type KeyInput, type OpenDocument } from "../api";
import { Autosave, Latest } from "../autosave";
import { DraftBackup, localStore } from "../backup";
import type { Document } from "../document";
import { EditHistory } from "../history";
import { PAGE_MAX_CSS_PX, addedNear, pageUrl, pixelWidth, shownPages, type ShownPage } from "../pages";
import { preload } from "../pictures";
import { fail, inform } from "./notices.svelte";

/** Quiet time after the last keystroke before a new revision is saved. */
export const AUTOSAVE_MS = 1500;

export const editor = $state<{
  open: OpenDocument | null;
  dirty: boolean;
  saving: boolean;
  savedRevision: number | null;
  savedAt: string | null;
  pages: ShownPage[];
  text: string;
  diagnostics: DiagnosticView[];
  /** Layout and drawing time in the shell, ms. */
  renderMs: number;
  /** From a keystroke to its preview on screen, ms. */
  latencyMs: number | null;
  /** Previews shown since the app started (lets a test wait for the next one). */
  shown: number;
  busy: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** The person's text whose save was refused because someone saved a later revision
   * meanwhile; the form shows that revision, read only, until the person chooses. */
  conflict: { mine: Document; message: string } | null;
  /** Lines of the reader's text a reviewer has not seen yet, marked in the preview's pages. */
  marked: string[];
  /** The indices of the pages in or near the preview's view (the others are placeholders of
   * their size, their pictures not loaded). */
  near: Set<number>;
  /** How wide the pages' pictures are drawn, in device pixels (as wide as they are shown). */
  pixelWidth: number;
  /** The form's long lists (sections, tasks, appendices) are built: see EditorForm. */
  formWhole: boolean;
}>({
  open: null,
  dirty: false,
  saving: false,
  savedRevision: null,
  savedAt: null,
  pages: [],
  text: "",
  diagnostics: [],
  renderMs: 0,
  latencyMs: null,
  shown: 0,
  busy: false,
  canUndo: false,
  canRedo: false,
  conflict: null,
  marked: [],
  near: new Set([0, 1]),
  formWhole: false,
  pixelWidth: pixelWidth(PAGE_MAX_CSS_PX, globalThis.devicePixelRatio ?? 1),
});

/** The preview's pages are shown `cssWidth` CSS pixels wide (the pane was laid out or resized):
 * from now on their pictures are drawn that wide, the pages in view loaded again if it
 * changed. */
export function setPageWidth(cssWidth: number): void {
  const width = pixelWidth(cssWidth, globalThis.devicePixelRatio ?? 1);
  if (width === editor.pixelWidth) return;
  editor.pixelWidth = width;
  editor.pages = editor.pages.map((p) => ({ ...p, url: pageUrl(p.key, width) }));
}

const history = new EditHistory<Document>();

function historyChanged(): void {
  editor.canUndo = history.canUndo;
  editor.canRedo = history.canRedo;
}

const latest = new Latest();
const backup = new DraftBackup(localStore());
/** The revision the current edits started from (for the backup). */
let baseRevision = 0;
let previewRunning = false;
let previewWanted = false;
/** When the oldest edit the preview does not show yet was made (`performance.now()` time): for
 * typing, when the keystroke's text went into the field, so that the time shown ("cập nhật sau")
 * and measured includes the form's own work (its state, the undo copy) as well as the pages. */
let oldestUnshownEdit: number | null = null;
/** The document as the last edit left it, already copied out of the editor's state for the
 * undo history: the next preview sends it rather than copying the whole document again (a few
 * ms per keystroke on a long plan). Null when the preview was asked for by anything else. */
let editedSnapshot: Document | null = null;

const autosave = new Autosave({
  delayMs: AUTOSAVE_MS,
  save: async () => {
    const open = editor.open;
    if (!open || !canEdit()) return;
    const mine = $state.snapshot(open.document) as Document;
    try {
      const rev = await api.saveDocument(open.id, open.revision, mine);
      editor.savedRevision = rev.no;
      editor.savedAt = rev.at;
      open.revision = rev.no;
    } catch (e) {
      if (e instanceof ApiError && e.code === "revision-conflict") {
        await conflicted(open, mine, e.message);
        return;
      }
      throw e;
    }
  },
  onError: fail,
  onChange: ({ dirty, saving }) => {
    editor.dirty = dirty;
    editor.saving = saving;
    // Everything is stored: the local copy is no longer needed (unless it is the text a
    // conflict refused, which stays until the person chooses).
    if (!dirty && !saving && editor.open && !editor.conflict) {
      baseRevision = editor.open.revision;
      backup.clear(editor.open.id);
    }
  },
});

export function can(action: DocumentAction): boolean {
  return editor.open?.allowed.includes(action) ?? false;
}

export function canEdit(): boolean {
  return can("save") && !editor.conflict;
}

/** Someone saved a later revision while this person edited: their text is kept (here and in
 * the local copy), the later revision is shown, and the person chooses. */
async function conflicted(open: OpenDocument, mine: Document, message: string): Promise<void> {
  backup.put(open, open.revision, mine, message);
  const latest = await api.loadDocument(open.id);
  if (editor.open?.id !== open.id) return;
  editor.open = latest;
  editor.savedRevision = latest.revision;
  baseRevision = latest.revision;
  editor.conflict = { mine, message };
  history.reset($state.snapshot(latest.document) as Document);
  historyChanged();
  requestPreview();
}

/**
 * Ends a conflict: `keepMine` puts the person's text back in the form, to be saved on top of
 * the later revision (they have seen it and chose so); otherwise their text is dropped and the
 * later revision stays.
 */
export function resolveConflict(keepMine: boolean): void {
  const open = editor.open;
  const conflict = editor.conflict;
  if (!open || !conflict) return;
  const mine = $state.snapshot(conflict.mine) as Document;
  editor.conflict = null;
  if (keepMine) {
    open.document = mine;
    edited();
  } else {
    backup.clear(open.id);
  }
}

export async function openDocument(id: number): Promise<void> {
  await closeDocument();
  const open = await api.loadDocument(id);
  editor.open = open;
  editor.savedRevision = open.revision;
  editor.savedAt = null;
  editor.pages = [];
  editor.formWhole = false;
  editor.near = new Set([0, 1]);
  editor.diagnostics = [];
  editor.latencyMs = null;
  editor.conflict = null;
  editor.marked = [];
  baseRevision = open.revision;
  const unsaved = canEdit() ? backup.restorable(open, open.revision, open.document) : null;
  if (unsaved?.conflict) {
    editor.conflict = { mine: unsaved.document, message: unsaved.conflict };
  } else if (unsaved) {
    open.document = unsaved.document;
    autosave.touch();
    inform("Đã khôi phục nội dung chưa kịp lưu ở lần mở trước.");
  } else if (!canEdit()) {
    backup.clear(id);
  }
  history.reset($state.snapshot(open.document) as Document);
  historyChanged();
  requestPreview();
}

/** Saves what is pending and closes the document. */
export async function closeDocument(): Promise<void> {
  await autosave.flush();
  // Closed first, so that a save that failed keeps its local copy for the next opening.
  editor.open = null;
  stopChecks();
  autosave.cancel();
}

/** The content was edited (by `event`, the form's input event, when there is one): save later,
 * preview now, and remember it for undo. */
export function edited(event?: Event): void {
  if (!editor.open || !canEdit()) return;
  const now = performance.now();
  const at = event && event.timeStamp > 0 && event.timeStamp <= now ? event.timeStamp : now;
  const snapshot = $state.snapshot(editor.open.document) as Document;
  history.record(snapshot, now);
  historyChanged();
  changed(snapshot, at);
}

function changed(snapshot: Document, at = performance.now()): void {
  if (!editor.open) return;
  oldestUnshownEdit ??= at;
  autosave.touch();
  backup.put(editor.open, baseRevision, snapshot);
  requestPreview(snapshot);
}

/** A change of the form's structure (a section added or moved, a row deleted): one undo step
 * of its own, then the edit. */
export function restructure(change: (doc: Document) => void): void {
  if (!editor.open || !canEdit()) return;
  history.seal();
  change(editor.open.document);
  edited();
  history.seal();
}

/** Ctrl+Z: back to the document before the last step of editing. */
export function undo(): boolean {
  return restore(history.undo());
}

/** Ctrl+Shift+Z (or Ctrl+Y): the step the last undo took back. */
export function redo(): boolean {
  return restore(history.redo());
}

function restore(state: Document | null): boolean {
  historyChanged();
  if (!state || !editor.open || !canEdit()) return false;
  editor.open.document = structuredClone(state);
  changed(state);
  return true;
}

/** Saves a new revision now (the "Lưu" button, Ctrl+S). */
export async function saveNow(): Promise<void> {
  await autosave.flush();
}

/** Previews at once when no preview is being made, else right after the one in progress, so
 * the pages follow typing as closely as the typesetter allows without piling up requests. */
export function requestPreview(snapshot: Document | null = null): void {
  editedSnapshot = snapshot;
  previewWanted = true;
  if (!previewRunning) void runPreview();
}

async function runPreview(): Promise<void> {
  previewRunning = true;
  try {
    while (previewWanted && editor.open) {
      previewWanted = false;
      const ticket = latest.next();
      const since = oldestUnshownEdit;
      oldestUnshownEdit = null;
      try {
        const sent = editedSnapshot ?? ($state.snapshot(editor.open.document) as Document);
        editedSnapshot = null;
        const marked = $state.snapshot(editor.marked);
        if (editor.pages.length === 0) await showFirstPages(sent, marked, ticket);
        const out = await api.previewDocument(sent, marked, [...editor.near], editor.pixelWidth);
        if (!latest.isCurrent(ticket) || !editor.open) continue;
        const width = editor.pixelWidth;
        const shown = shownPages(out.pages, (key) => pageUrl(key, width));
        // The changed pages in view are loaded and decoded before the swap, so a changed page
        // never flashes blank; pages out of view load when they come near it.
        await preload(addedNear(editor.pages, shown, editor.near));
        if (!latest.isCurrent(ticket) || !editor.open) continue;
        editor.pages = shown;
        editor.text = out.text;
        editor.renderMs = out.millis;
        await tick();
        if (since !== null) editor.latencyMs = Math.round(performance.now() - since);
        editor.shown++;
        checkWhenPaused(sent);
      } catch (e) {
        fail(e);
      }
    }
  } finally {
    previewRunning = false;
  }
}

/** How long the pages must rest before the checks are asked for. They are made after the pages,
 * never beside them: on a 2-core machine the two together held Long An's pages back 4–5 ms per
 * keystroke (shell figures, release); and a check panel changing at every letter is no help. */
const CHECK_PAUSE_MS = 250;
let checkTimer: ReturnType<typeof setTimeout> | null = null;
/** The document as the pages on screen show it: what the checks are made on. */
let shownDocument: Document | null = null;

function checkWhenPaused(doc: Document): void {
  shownDocument = doc;
  if (checkTimer !== null) clearTimeout(checkTimer);
  checkTimer = setTimeout(() => void runChecks(), CHECK_PAUSE_MS);
}

function stopChecks(): void {
  if (checkTimer !== null) clearTimeout(checkTimer);
  checkTimer = null;
  shownDocument = null;
}

async function runChecks(): Promise<void> {
  checkTimer = null;
  const doc = shownDocument;
  const open = editor.open;
  // A preview under way asks again once its pages are shown.
  if (!doc || !open || previewRunning) return;
  try {
    const found = await api.checkDocument(doc);
    // Pages shown meanwhile have their own checks coming.
    if (editor.open === open && shownDocument === doc) editor.diagnostics = found;
  } catch (e) {
    fail(e);
  }
}

/** A document just opened: its first pages at once, typeset from its beginning, while the
 * whole is typeset (Long An's whole takes several times as long). A failure here only means
 * waiting for the whole, whose preview reports it. */
async function showFirstPages(doc: Document, marked: string[], ticket: number): Promise<void> {
  const width = editor.pixelWidth;
  try {
    const pages = await api.previewFirstPages(doc, marked, [...editor.near], width);
    if (pages.length === 0 || !latest.isCurrent(ticket) || !editor.open) return;
    if (editor.pages.length === 0) editor.pages = shownPages(pages, (key) => pageUrl(key, width));
  } catch {
    // The whole document's preview follows and says what went wrong.
  }
}

type Step = (id: number) => Promise<OpenDocument>;

/** Runs a workflow step after saving what is pending; the document is reloaded from its result.
 * A refusal goes to `onError` (a notice unless the caller shows it itself). */
async function step(run: Step, onError: (e: unknown) => void = fail): Promise<boolean> {
  const open = editor.open;
  if (!open) return false;
  if (editor.conflict) {
    inform("Hãy chọn giữ bản của mình hay bản mới nhất trước đã.");
    return false;
  }
  editor.busy = true;
  try {
    await autosave.flush();
    if (autosave.dirty) return false; // the save failed and was reported; keep the text
    const next = await run(open.id);
    editor.open = next;
    editor.savedRevision = next.revision;
    history.reset($state.snapshot(next.document) as Document);
    historyChanged();
    requestPreview();
    return true;
  } catch (e) {
    onError(e);
    return false;
  } finally {
    editor.busy = false;
  }
}

export const submit = () => step(api.submit);
export const approve = () => step(api.approve);
/** Ký: `key` (the person's certificate file's password or USB token's PIN) signs digitally;
 * null records a paper signature. A refusal goes to `onError`. */
export const sign = (key: KeyInput | null = null, onError: (e: unknown) => void = fail) =>
  step((id) => api.sign(id, key), onError);
export const discard = () => step(api.discard);
export const returnToDraft = (reason: string) =>
  step((id) => api.returnToDraft(id, reason));

/** Ban hành (with the body's certificate password for a document signed digitally); gives
 * the number and symbol. */
export async function issue(
  key: KeyInput | null = null,
  onError: (e: unknown) => void = fail,
): Promise<string | null> {
  const open = editor.open;
  if (!open) return null;
  editor.busy = true;
  try {
    const issued = await api.issue(open.id, key);
    editor.open = issued.document;
    editor.savedRevision = editor.open.revision;
    requestPreview();
    return issued.numberSymbol;
  } catch (e) {
    onError(e);
    return null;
  } finally {
    editor.busy = false;
  }
}

/** Xuất PDF/DOCX through the system's save dialog; gives the path, or null if cancelled. */
export async function exportAs(format: "pdf" | "docx"): Promise<string | null> {
  const open = editor.open;
  if (!open) return null;
  editor.busy = true;
  try {
    await autosave.flush();
    return await api.exportDocument(open.id, format);
  } catch (e) {
    fail(e);
    return null;
  } finally {
    editor.busy = false;
  }
}
