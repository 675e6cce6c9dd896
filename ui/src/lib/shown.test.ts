import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SHOWN, markShown } from "./shown";

describe("markShown", () => {
  let frames: FrameRequestCallback[] = [];
  const drawFrame = () => {
    const now = frames;
    frames = [];
    now.forEach((f) => f(performance.now()));
  };
  beforeEach(() => {
    frames = [];
    vi.stubGlobal("requestAnimationFrame", (f: FrameRequestCallback) => frames.push(f));
    performance.clearMarks();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("marks the screen only once the frame that draws it is past", () => {
    markShown(SHOWN.list);
    expect(performance.getEntriesByName(SHOWN.list, "mark")).toHaveLength(0);
    drawFrame(); // the frame that draws the list
    expect(performance.getEntriesByName(SHOWN.list, "mark")).toHaveLength(0);
    drawFrame();
    expect(performance.getEntriesByName(SHOWN.list, "mark")).toHaveLength(1);
    expect(performance.getEntriesByName(SHOWN.people, "mark")).toHaveLength(0);
  });
});
