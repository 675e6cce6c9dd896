import { describe, expect, it } from "vitest";
import type { Document, TaskNode } from "./document";
import { deleteRow, emptyTask, insertRow, moveRow, placeTasks, taskNumbers, tasksPlacement, toggleUnit } from "./rows";

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

describe("placing the task table", () => {
  const doc = (): Document =>
    ({
      type: "ke-hoach",
      subject: "",
      closing: "",
      header: { issuing_body: { name: "" }, place: "" },
      recipients: { archive: {}, entries: [] },
      signature: { name: "", title: "" },
      body: { sections: [{ title: "MỤC ĐÍCH", role: "purpose" }, { title: "NỘI DUNG", role: "content" }] },
    }) as Document;

  it("puts the table at the end of the section Nội dung when it is printed nowhere", () => {
    const d = doc();
    expect(tasksPlacement(d)).toBeNull();
    expect(placeTasks(d)).toBe(1);
    expect(d.body.sections![1]!.blocks).toEqual([{ kind: "tasks" }]);
    expect(tasksPlacement(d)).toBe("body");
    expect(placeTasks(d)).toBeNull();
  });

  it("leaves a table printed as an appendix where it is", () => {
    const d = doc();
    d.appendices = [{ title: "NHIỆM VỤ", content: { kind: "tasks" } }];
    expect(tasksPlacement(d)).toBe("appendix");
    expect(placeTasks(d)).toBeNull();
  });
});
