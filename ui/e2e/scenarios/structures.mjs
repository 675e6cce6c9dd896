import { execFileSync } from "node:child_process";
import { $, check, enterAs, field, openFromTab, sectionButton, shot, tid, type, waitPreview } from "../lib/steps.mjs";

/** Within the section numbered `label` (its own controls come before its subsections'). */
const inSection = (label, testid) => $(`[data-testid="section"][data-label="${label}"] [data-testid="${testid}"]`);
const value = async (el) => (await el).getValue();

/** The drafter numbers the plan as published documents do — the document level by level, part
 * II's subsections 2.1., 2.1.1. on their own — adds a note after part II's subsections, "Trên
 * đây là …" and a list after the last part, picks the list's marker and its first number (a
 * bad one refused at the field), and undoes a numbering change from the keyboard. */
export default async function (s) {
  const { browser, db, cli } = s;
  const draft = new URL("../../../tests/fixtures/drafts/ke-hoach-stttt-2025.json", import.meta.url);
  execFileSync(cli, ["import", draft.pathname, "--db", db, "--as", "chuyenvien"], { encoding: "utf8" });
  await enterAs("chuyenvien");
  await openFromTab("draft");

  // The document's numbering: "Tùy chỉnh theo cấp" starts from what is printed, then level 1
  // becomes "Phần I"; Ctrl+Z takes it back.
  const choice = await tid("numbering-choice");
  await choice.scrollIntoView({ block: "center" });
  check("the plan is numbered I., 1., a) by default", (await choice.getValue()) === "roman-arabic-letter");
  await choice.selectByAttribute("value", "custom");
  const level1 = await $('[data-testid="numbering"] [data-testid="numbering-level-1"]');
  await level1.waitForExist({ timeout: 5000 });
  check("“Tùy chỉnh theo cấp” starts from the levels printed", (await level1.getValue()) === "roman" && (await value($('[data-testid="numbering"] [data-testid="numbering-level-2"]'))) === "arabic");
  await level1.selectByAttribute("value", "part");
  await waitPreview((t) => t.includes("Phần I") && t.includes("Phần II"), "the parts numbered Phần I, Phần II");
  check("the form's titles follow the chosen level", await (await $('[data-testid="section"][data-label="Phần II"]')).isExisting());
  await browser.keys(["Control", "z"]);
  await waitPreview((t) => !t.includes("Phần I") && t.includes("II. NHIỆM VỤ"), "the numbering undone");
  check("Ctrl+Z gives the previous level back", (await value($('[data-testid="numbering"] [data-testid="numbering-level-1"]'))) === "roman");

  // Part II's subsections numbered 2.1., 2.1.1. on their own.
  await (await sectionButton("II.", "add-child")).click();
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.getAttribute("data-path"))) === "body.sections[1].subsections[0]", { timeout: 5000, timeoutMsg: "the new subsection is not focused" });
  await (await field("body.sections[1].subsections[0]")).addValue("Hạ tầng số");
  await (await sectionButton("1.", "add-child")).click();
  await type("body.sections[1].subsections[0].subsections[0]", "Mạng truyền số liệu chuyên dùng");
  await (await inSection("II.", "section-numbering")).click();
  const own1 = await $('[data-testid="section"][data-label="II."] [data-testid="own-numbering"] [data-testid="numbering-level-1"]');
  await own1.waitForExist({ timeout: 5000 });
  check("ticking “Đánh số mục con riêng” keeps the numbers", (await own1.getValue()) === "arabic" && (await (await $('[data-testid="section"][data-label="a)"]')).isExisting()));
  await own1.selectByAttribute("value", "decimal");
  await (await $('[data-testid="section"][data-label="II."] [data-testid="own-numbering"] [data-testid="numbering-level-2"]')).selectByAttribute("value", "decimal");
  await waitPreview((t) => t.includes("2.1. Hạ tầng số") && t.includes("2.1.1. Mạng truyền số liệu"), "part II's subsections as 2.1., 2.1.1.");
  check("part II's subsections are 2.1. and 2.1.1. in the form", (await (await $('[data-testid="section"][data-label="2.1.1."]')).isExisting()) && (await value(field("body.sections[1].subsections[0]"))) === "Hạ tầng số");

  // A note after part II's subsections, then "Trên đây là …" and a list after the last part.
  await (await $('[data-testid="section"][data-label="II."] > [data-testid="section-add-after-block"]')).click();
  await type("body.sections[1].after[0].text", "Các đơn vị báo cáo kết quả trước ngày 15/12/2025.");
  await (await $('[data-testid="body-after"] [data-testid="add-paragraph"]')).click();
  await type("body.after[0].text", "Trên đây là Kế hoạch chuyển đổi số năm 2025 của Sở.");
  await waitPreview((t) => t.includes("Các đơn vị báo cáo kết quả trước ngày 15/12/2025.") && t.includes("Trên đây là Kế hoạch chuyển đổi số"), "the blocks after the sections");
  await (await $('[data-testid="body-after"] [data-testid="add-list"]')).click();
  // Two lines, the second after Enter (WebKitWebDriver drops a "\n" sent as text).
  await type("body.after[1]", "Sở Tài chính bố trí kinh phí;");
  await browser.keys("Enter");
  await (await field("body.after[1]")).addValue("Sở Nội vụ theo dõi.");
  const marker = await $('[data-testid="body-after"] [data-testid="list-marker"]');
  check("a new list has the default marker “-”", (await marker.getValue()) === "");
  await marker.selectByAttribute("value", "letter-paren");
  await waitPreview((t) => /a\)\s*Sở Tài chính/.test(t) && /b\)\s*Sở Nội vụ/.test(t), "the list as a), b)");
  check("changing the marker keeps the lines typed", (await value(field("body.after[1]"))) === "Sở Tài chính bố trí kinh phí;\nSở Nội vụ theo dõi.");
  const start = await $('[data-testid="body-after"] [data-testid="list-start"]');
  await start.setValue("0");
  const refused = await $('[data-testid="body-after"] [data-testid="list-start-error"]');
  await refused.waitForDisplayed({ timeout: 5000 });
  check("a first number of 0 is refused at the field, in Vietnamese", (await refused.getText()) === "Số bắt đầu phải từ 1 trở lên.");
  await start.setValue("3");
  await waitPreview((t) => /c\)\s*Sở Tài chính/.test(t) && /d\)\s*Sở Nội vụ/.test(t), "the list continuing from c)");
  check("a good first number clears the refusal", (await browser.$$('[data-testid="list-start-error"]')).length === 0);
  await (await tid("body-after")).scrollIntoView({ block: "start" });
  await shot("10a-danh-so-va-doan-sau");
}
