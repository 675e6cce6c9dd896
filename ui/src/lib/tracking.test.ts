import { describe, expect, it } from "vitest";
import type { TaskView } from "./api";
import { dayText, hasReminders, onlyPlan, plansOf, pressingWords, readPercent, unitsOf } from "./tracking";

function task(over: Partial<TaskView>): TaskView {
  return {
    id: 1,
    plan: 7,
    planNumber: "01/KH-UBND",
    planSubject: "Tuyên truyền chuyển đổi số",
    number: "1.1",
    groups: [],
    text: "Việc",
    lead: ["Sở Thông tin và Truyền thông"],
    cooperating: [],
    time: "Quý II",
    due: "30/6/2025",
    dueOn: "2025-06-30",
    status: "not-started",
    statusLabel: "Chưa thực hiện",
    percent: 0,
    reports: 0,
    doneOn: null,
    ...over,
  };
}

describe("tracking", () => {
  it("offers each plan once, in the order listed", () => {
    const tasks = [task({ id: 1 }), task({ id: 2, plan: 9, planNumber: "05/KH-UBND", planSubject: "Khác" }), task({ id: 3 })];
    expect(plansOf(tasks)).toEqual([
      { id: 7, label: "01/KH-UBND — Tuyên truyền chuyển đổi số" },
      { id: 9, label: "05/KH-UBND — Khác" },
    ]);
  });

  it("offers every unit named, lead or cooperating, once and sorted", () => {
    const tasks = [task({ lead: ["Sở Tài chính"], cooperating: ["Báo Long An", "Sở Tài chính"] }), task({ lead: ["Báo Long An"] })];
    expect(unitsOf(tasks)).toEqual(["Báo Long An", "Sở Tài chính"]);
  });

  it("says how many reminded tasks are overdue and how many come due", () => {
    expect(pressingWords([task({ status: "overdue" }), task({ status: "overdue" }), task({ status: "in-progress" })])).toBe(
      "2 nhiệm vụ quá hạn, 1 nhiệm vụ sắp đến hạn (trong 7 ngày)",
    );
    expect(pressingWords([])).toBe("");
    expect(hasReminders({ asFollower: [], forUnit: [] })).toBe(false);
    expect(hasReminders({ asFollower: [], forUnit: [task({})] })).toBe(true);
  });

  it("reads a percentage from 0 to 100 and refuses anything else, saying why", () => {
    expect(readPercent("60")).toEqual({ value: 60 });
    expect(readPercent(" 100 % ")).toEqual({ value: 100 });
    expect(readPercent("0")).toEqual({ value: 0 });
    for (const bad of ["101", "-5", "năm mươi", "", "12.5"]) {
      expect(readPercent(bad)).toHaveProperty("error");
    }
    expect((readPercent("120") as { error: string }).error).toContain("từ 0 đến 100");
  });

  it("opens the reminders on their plan only when they are all of one", () => {
    expect(onlyPlan([task({ id: 1 }), task({ id: 2 })])).toBe(7);
    expect(onlyPlan([task({ id: 1 }), task({ id: 2, plan: 9 })])).toBeNull();
    expect(onlyPlan([])).toBeNull();
  });

  it("writes a day the Vietnamese way", () => {
    expect(dayText("2025-06-30")).toBe("30/06/2025");
    expect(dayText(null)).toBe("—");
  });
});
