import { describe, expect, it } from "vitest";
import { EditHistory } from "./history";

describe("undo history", () => {
  it("groups a burst of typing into one step and redoes it", () => {
    const h = new EditHistory<string>(800);
    h.reset("");
    h.record("K", 0);
    h.record("Kế", 100);
    h.record("Kế hoạch", 300);
    h.record("Kế hoạch năm", 2000);
    expect(h.undo()).toBe("Kế hoạch");
    expect(h.undo()).toBe("");
    expect(h.undo()).toBeNull();
    expect(h.redo()).toBe("Kế hoạch");
    expect(h.redo()).toBe("Kế hoạch năm");
    expect(h.redo()).toBeNull();
  });

  it("a new edit after an undo drops the redo steps", () => {
    const h = new EditHistory<number>(0);
    h.reset(0);
    h.record(1, 10);
    h.record(2, 20);
    expect(h.undo()).toBe(1);
    h.record(5, 30);
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBe(1);
    expect(h.undo()).toBe(0);
  });

  it("a sealed burst ends even when the next edit comes quickly", () => {
    const h = new EditHistory<string>(800);
    h.reset("a");
    h.record("ab", 0);
    h.seal();
    h.record("abc", 10);
    expect(h.undo()).toBe("ab");
  });

  it("keeps at most `limit` steps", () => {
    const h = new EditHistory<number>(0, 3);
    h.reset(0);
    for (let i = 1; i <= 10; i++) h.record(i, i * 10);
    expect([h.undo(), h.undo(), h.undo(), h.undo()]).toEqual([9, 8, 7, null]);
  });
});
