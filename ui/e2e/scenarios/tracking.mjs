import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { $, check, enterAs, field, shot, tid, waitNotice, waitPreview, waitText } from "../lib/steps.mjs";

// A plan followed until it is done. The Long An plan is issued with the `vanban` command on
// 5 March 2025 by the province's office (its directory names each unit's focal point, "đầu
// mối"); the app is then opened on 10 January 2026 (VANBAN_NOW), after the tasks' due day of
// 31 December 2025. The drafter, who follows the plan until a head assigns someone, is
// reminded of the overdue tasks at start and sees task 1.3 overdue; the head of the office
// assigns her to follow it; a focal point of a unit
// with no part in it is refused, saying why; the lead unit's focal point reports it done; the
// follower sees it done late, with its history, exports the tracking table, and drafts the
// báo cáo, which opens in the editor.

const ISSUED = "2025-03-05T09:00:00+07:00";
const fixture = (name) => new URL(`../../../tests/fixtures/${name}`, import.meta.url).pathname;

export function prepare({ cli, db }) {
  const run = (...args) =>
    execFileSync(cli, [...args, "--db", db], { env: { ...process.env, VANBAN_NOW: ISSUED }, stdio: ["ignore", "pipe", "inherit"] })
      .toString()
      .trim();
  run("init");
  run("directory", "import", fixture("directory-long-an.toml"), "--as", "admin");
  run("import", fixture("ke-hoach-long-an-tuyen-truyen-cds-2025.json"), "--as", "chuyenvien");
  run("submit", "1", "--as", "chuyenvien");
  run("approve", "1", "--as", "chanhvanphong");
  run("sign", "1", "--as", "phochutich");
  const number = run("issue", "1", "--as", "vanthu");
  if (number !== "01/KH-UBND") throw new Error(`the plan was issued as ${number}`);
}

export const env = { VANBAN_NOW: "2026-01-10T09:00:00+07:00" };

/** The tracking screen, from the list. */
async function toTracking() {
  await (await tid("to-tracking")).click();
  await (await $('[data-screen="tracking"]')).waitForDisplayed({ timeout: 10000 });
}

/** Back to the list, then someone else. */
async function leaveFor(login) {
  await (await tid("back-to-list")).click();
  await enterAs(login);
}

/** The row of task `number` (as printed in the plan) of the list shown. */
async function row(number) {
  const r = await $(`[data-testid="task-row"][data-number="${number}"]`);
  await r.waitForDisplayed({ timeout: 10000 });
  return r;
}

/** Opens task `number` in the side panel. */
async function openTask(number) {
  await (await (await row(number)).$("button.open")).click();
  const detail = await tid("task-detail");
  await detail.waitForDisplayed({ timeout: 10000 });
  await waitText(await $("#task-title"), (t) => t.includes(`Nhiệm vụ ${number}`), `task ${number} in the panel`);
  return detail;
}

export default async function (s) {
  const { browser, exportDir } = s;

  // 1. The follower (the drafter, until a head assigns someone) is reminded at start.
  await enterAs("chuyenvien");
  const remind = await tid("reminders-follower");
  await remind.waitForDisplayed({ timeout: 10000 });
  const remindText = await remind.getText();
  check("the follower is reminded of the plan's overdue tasks at start", /\d+ nhiệm vụ quá hạn/.test(remindText), remindText);
  await shot("t1-nhac-viec");
  await (await remind.$("button=Xem")).click();
  await (await $('[data-screen="tracking"]')).waitForDisplayed({ timeout: 10000 });
  const overdue = await row("1.3");
  check("task 1.3 (due 31/12/2025) is overdue on 10/01/2026", (await overdue.getAttribute("data-status")) === "overdue");
  const statuses = await browser.execute(() => [...document.querySelectorAll('[data-testid="task-row"]')].map((r) => r.getAttribute("data-status")));
  check("the reminder opens the overdue tasks only", statuses.length > 0 && statuses.every((x) => x === "overdue"), statuses.join(","));
  await openTask("1.3");
  check("the task shows its status", (await (await tid("task-status")).getText()) === "Quá hạn");
  check("the drafter follows the plan", (await (await tid("task-follower")).getText()).includes("Nguyễn Thị Mai"));
  await shot("t2-theo-doi-qua-han");

  // The head of the office assigns her to follow it (Điều 24).
  await leaveFor("chanhvanphong");
  await toTracking();
  await (await tid("tracking-plan")).selectByIndex(1);
  await openTask("1.3");
  await (await $("#follower")).selectByAttribute("value", "chuyenvien");
  await (await $("button=Giao")).click();
  await waitNotice((t) => t.includes("Đã giao Nguyễn Thị Mai theo dõi kế hoạch"), "the assignment's notice");
  await waitText(await tid("task-follower"), (t) => t === "Nguyễn Thị Mai", "the assigned follower");
  check("a head assigns the plan's follower", true);

  // 2. A focal point of a unit with no part in the task may not report on it, and is told why.
  await leaveFor("daumoi.stc");
  await toTracking();
  await openTask("1.3");
  const refused = await tid("report-refused");
  const why = await refused.getText();
  check("a unit with no part in the task is refused, saying why", why.includes("không thuộc đơn vị chủ trì") && why.includes("Sở Tài chính"), why);
  check("and is offered no report form", !(await (await tid("report-form")).isExisting()));

  // 3. The lead unit's focal point, reminded of their unit's late tasks, reports it done.
  await leaveFor("daumoi.stttt");
  const unitReminder = await tid("reminders-unit");
  await unitReminder.waitForDisplayed({ timeout: 10000 });
  check("the focal point is reminded of the unit's overdue tasks", (await unitReminder.getText()).includes("quá hạn"));
  await toTracking();
  await openTask("1.3");
  const form = await tid("report-form");
  check("the lead unit's focal point may report", await form.isDisplayed());
  const note = "Đã ban hành hướng dẫn tuyên truyền và tổ chức 3 hội nghị.";
  await (await tid("report-percent")).setValue("120");
  await (await tid("report-note")).setValue(note);
  await (await tid("report-send")).click();
  const error = await $(".form-error");
  await error.waitForDisplayed({ timeout: 5000 });
  check("a percentage over 100 is refused in Vietnamese, naming it", (await error.getText()).includes("từ 0 đến 100"));
  check("what was typed stays", (await (await tid("report-note")).getValue()) === note);
  await (await tid("report-percent")).setValue("100");
  await (await $("#report-attach")).selectByAttribute("value", "reference");
  await (await tid("report-ref")).setValue("215/STTTT-BCVT");
  await (await tid("report-done")).click();
  await shot("t3-bao-cao-tien-do");
  await (await tid("report-send")).click();
  await waitNotice((t) => t.includes("Đã ghi báo cáo nhiệm vụ 1.3"), "the report's notice");
  await waitText(await tid("task-status"), (t) => t === "Hoàn thành quá hạn", "the task done late");
  const history = await browser.$$('[data-testid="task-report"]');
  check("the report is in the task's history", history.length === 1 && (await history[0].getText()).includes(note));

  // 4. The follower sees it done late, with its history; exports the table; drafts the báo cáo.
  await leaveFor("chuyenvien");
  await toTracking();
  await (await tid("tracking-plan")).selectByIndex(1);
  await browser.waitUntil(async () => (await (await row("1.3")).getAttribute("data-status")) === "done-late", {
    timeout: 10000,
    timeoutMsg: "task 1.3 is not shown done late",
  });
  check("the follower sees task 1.3 move from overdue to done (late)", true);
  await openTask("1.3");
  const seen = await (await tid("task-history")).getText();
  check("with who reported what", seen.includes("Võ Minh Tâm") && seen.includes(note) && seen.includes("215/STTTT-BCVT"), seen);
  await shot("t4-nguoi-theo-doi-hoan-thanh");
  await (await tid("tracking-pdf")).click();
  const pdf = join(exportDir, "theo-doi-ke-hoach-1.pdf");
  await browser.waitUntil(() => existsSync(pdf), { timeout: 15000, timeoutMsg: "the tracking table was not exported" });
  await waitNotice((t) => t.includes("Đã xuất bảng theo dõi"), "the export's notice");
  const table = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  // The status column wraps "Hoàn thành / quá hạn" over two lines.
  const line13 = table.split("\n").find((l) => /^1\.3\s/.test(l)) ?? "";
  check("the exported tracking table shows the task done, 100 %", table.includes("Kế hoạch số 01/KH-UBND") && /100%\s+Hoàn thành/.test(line13), line13);

  await (await tid("draft-plan-report")).click();
  await (await $('[data-screen="editor"] form[data-whole]')).waitForDisplayed({ timeout: 15000 });
  const subject = await (await field("subject")).getValue();
  check("the báo cáo opens in the editor", subject.startsWith("Kết quả thực hiện Kế hoạch số 01/KH-UBND"), subject);
  // The báo cáo quotes the report under its task (its last full stop gives way to the figures).
  const quoted = `(Võ Minh Tâm): ${note.replace(/\.$/, "")} (100%, đã hoàn thành)`;
  await waitPreview((t) => t.includes(quoted), "the báo cáo's preview with the unit's report");
  await shot("t5-bao-cao-ket-qua");
}
