// Debounced saving: every edit marks the document dirty and (re)starts a timer; when it fires,
// or on an explicit save, the current content is saved. A save never runs twice at once; edits
// made while one runs are saved by the next. A failed save leaves the document dirty, so
// nothing typed is dropped: the next edit or save tries again.

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface AutosaveOptions {
  /** Quiet time after the last edit before saving. */
  delayMs: number;
  /** Saves the content as it is when called. */
  save: () => Promise<void>;
  /** Told about a failed save (the document stays dirty). */
  onError?: (error: unknown) => void;
  /** Told whenever `dirty` or `saving` changes. */
  onChange?: (state: { dirty: boolean; saving: boolean }) => void;
  timers?: Timers;
}

export class Autosave {
  #opts: AutosaveOptions;
  #timers: Timers;
  #timer: unknown = null;
  #dirty = false;
  #running: Promise<void> | null = null;
  #editedDuringSave = false;

  constructor(opts: AutosaveOptions) {
    this.#opts = opts;
    this.#timers = opts.timers ?? realTimers;
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  get saving(): boolean {
    return this.#running !== null;
  }

  /** The document was edited. */
  touch(): void {
    this.#dirty = true;
    if (this.#running) this.#editedDuringSave = true;
    this.#schedule();
    this.#changed();
  }

  /** Saves now if there is anything to save; resolves when the content is saved (or failed). */
  async flush(): Promise<void> {
    this.#cancelTimer();
    if (this.#running) {
      await this.#running;
    }
    if (!this.#dirty) return;
    this.#dirty = false;
    this.#editedDuringSave = false;
    const run = (async () => {
      try {
        await this.#opts.save();
      } catch (e) {
        this.#dirty = true;
        this.#opts.onError?.(e);
      }
    })();
    this.#running = run;
    this.#changed();
    try {
      await run;
    } finally {
      this.#running = null;
      if (this.#editedDuringSave) {
        this.#editedDuringSave = false;
        this.#dirty = true;
        this.#schedule();
      }
      this.#changed();
    }
  }

  /** Forgets pending edits (the document was closed after a final flush, or discarded). */
  cancel(): void {
    this.#cancelTimer();
    this.#dirty = false;
    this.#changed();
  }

  #schedule(): void {
    this.#cancelTimer();
    this.#timer = this.#timers.set(() => {
      this.#timer = null;
      void this.flush();
    }, this.#opts.delayMs);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) {
      this.#timers.clear(this.#timer);
      this.#timer = null;
    }
  }

  #changed(): void {
    this.#opts.onChange?.({ dirty: this.#dirty, saving: this.saving });
  }
}

/** Numbers requests so that only the answer to the latest one is used. */
export class Latest {
  #n = 0;
  /** A new request's ticket. */
  next(): number {
    return ++this.#n;
  }
  /** Whether the answer to `ticket` is still wanted. */
  isCurrent(ticket: number): boolean {
    return ticket === this.#n;
  }
}
