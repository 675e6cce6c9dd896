import { describe, expect, it } from "vitest";
import type { TaskNode } from "./document";
import { deleteRow, emptyTask, insertRow, moveRow, taskNumbers, toggleUnit } from "./rows";

describe("table rows", () => {
  it("moves, inserts and deletes rows", () => {
    const l = ["a", "b", "c"];
    expect(moveRow(l, 2, -1)).toBe(1);
    expect(l).toEqual(["a", "c", "b"]);
    expect(moveRow(l, 0, -1)).toBeNull();
    expect(moveRow(l, 2, 1)).toBeNull();
    expect(insertRow(l, 0, "x")).toBe(1);
    expect(insertRow(l, null, "z")).toBe(4);
    expect(l).toEqual(["a", "x", "c", "b", "z"]);
    expect(deleteRow(l, 4)).toBe(3);
    expect(deleteRow(l, 9)).toBeNull();
    expect(deleteRow(["only"], 0)).toBeNull();
  });

  it("numbers tasks, a continuing row sharing the number above", () => {
    const t = (continues = false): TaskNode => ({ ...emptyTask(), continues_previous: continues } as TaskNode);
    expect(taskNumbers([t(), t(), t(true), t()])).toEqual(["1", "2", "2", "3"]);
    expect(taskNumbers([t(), t()], "2.")).toEqual(["2.1", "2.2"]);
  });

  it("picks units in the order chosen and unpicks them", () => {
    expect(toggleUnit(undefined, "Văn phòng Sở")).toEqual(["Văn phòng Sở"]);
    expect(toggleUnit(["A", "B"], "A")).toEqual(["B"]);
    expect(toggleUnit(["B"], "A")).toEqual(["B", "A"]);
  });
});
