import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosave, Latest } from "./autosave";

describe("Autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once after the last of several quick edits", async () => {
    const save = vi.fn(async () => {});
    const a = new Autosave({ delayMs: 1000, save });
    a.touch();
    await vi.advanceTimersByTimeAsync(500);
    a.touch();
    await vi.advanceTimersByTimeAsync(500);
    a.touch();
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
    expect(a.dirty).toBe(false);
  });

  it("saves at once on flush and not again when the timer would have fired", async () => {
    const save = vi.fn(async () => {});
    const a = new Autosave({ delayMs: 1000, save });
    a.touch();
    await a.flush();
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("does nothing on flush when nothing changed", async () => {
    const save = vi.fn(async () => {});
    await new Autosave({ delayMs: 1000, save }).flush();
    expect(save).not.toHaveBeenCalled();
  });

  it("keeps the document dirty after a failed save and retries on the next flush", async () => {
    let fail = true;
    const errors: unknown[] = [];
    const save = vi.fn(async () => {
      if (fail) throw new Error("disk full");
    });
    const a = new Autosave({ delayMs: 1000, save, onError: (e) => errors.push(e) });
    a.touch();
    await a.flush();
    expect(a.dirty).toBe(true);
    expect(errors).toHaveLength(1);
    fail = false;
    await a.flush();
    expect(a.dirty).toBe(false);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it("never runs two saves at once, and saves edits made during a save", async () => {
    let release: () => void = () => {};
    let running = 0;
    let most = 0;
    const save = vi.fn(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((r) => (release = r));
      running--;
    });
    const a = new Autosave({ delayMs: 100, save });
    a.touch();
    const first = a.flush();
    a.touch(); // typed while saving
    const second = a.flush();
    release();
    await first;
    await vi.advanceTimersByTimeAsync(0);
    release();
    await second;
    await vi.advanceTimersByTimeAsync(200);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(most).toBe(1);
    expect(save).toHaveBeenCalledTimes(2);
    expect(a.dirty).toBe(false);
  });
});

describe("Latest", () => {
  it("keeps only the newest ticket", () => {
    const l = new Latest();
    const a = l.next();
    const b = l.next();
    expect(l.isCurrent(a)).toBe(false);
    expect(l.isCurrent(b)).toBe(true);
  });
});
