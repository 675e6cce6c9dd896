// Undo and redo of form edits (Ctrl+Z, Ctrl+Shift+Z). The editor hands over a snapshot of the
// document after each edit; edits that follow each other within `groupMs` (the letters of one
// word) make one step, so an undo takes back a burst of typing, not one letter.

export class EditHistory<T> {
  private past: T[] = [];
  private future: T[] = [];
  private current: T | null = null;
  private lastAt = -Infinity;

  constructor(
    private readonly groupMs = 800,
    private readonly limit = 200,
  ) {}

  /** Starts over from `state` (a document just opened or reloaded). */
  reset(state: T): void {
    this.past = [];
    this.future = [];
    this.current = state;
    this.lastAt = -Infinity;
  }

  /** The document after an edit made at `now` (ms). */
  record(state: T, now: number): void {
    if (this.current === null) {
      this.reset(state);
      return;
    }
    if (now - this.lastAt > this.groupMs) {
      this.past.push(this.current);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.current = state;
    this.future = [];
    this.lastAt = now;
  }

  /** Ends the current burst: the next edit starts a new step (after a structural change). */
  seal(): void {
    this.lastAt = -Infinity;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** The state before the last step, or null. */
  undo(): T | null {
    const prev = this.past.pop();
    if (prev === undefined || this.current === null) return null;
    this.future.push(this.current);
    this.current = prev;
    this.lastAt = -Infinity;
    return prev;
  }

  /** The state the last undo took back, or null. */
  redo(): T | null {
    const next = this.future.pop();
    if (next === undefined || this.current === null) return null;
    this.past.push(this.current);
    this.current = next;
    this.lastAt = -Infinity;
    return next;
  }
}
