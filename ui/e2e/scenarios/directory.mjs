import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  $,
  KEY_PASSWORD,
  PINS,
  appProcesses,
  check,
  countFields,
  enterAs,
  field,
  latency,
  lastNotice,
  measurements,
  memoryOf,
  openFromTab,
  pickPerson,
  previewText,
  sectionButton,
  shot,
  signatures,
  stateBadge,
  switchTo,
  tid,
  type,
  waitNotice,
  waitPreview,
  waitText,
  zipEntry,
} from "../lib/steps.mjs";

// The administrator edits the directory: the body's own details, a unit, a recipient group, a
// person and a delegation (dates typed day first); then the drafter finds the unit and the group
// in the editor's pickers.
export default async function (s) {
  const { browser, driver, out, work, db, exportDir, dataHome, choose, softhsm, cli } = s;
  // 7b. The administrator edits the directory: a unit and a recipient group, then the drafter
  // finds both in the editor's pickers.
  await enterAs("admin");
  await (await tid("to-directory")).click();
  await (await tid("admin-note")).waitForDisplayed({ timeout: 10000 });
  // The body's own details: an empty place is refused at its field; the body's name saved.
  await (await tid("body-edit")).click();
  await (await tid("body-place")).setValue(" ");
  await (await tid("body-save")).click();
  const bodyError = await tid("form-error");
  await bodyError.waitForDisplayed({ timeout: 10000 });
  check("the body's details without a place are refused at that field", (await bodyError.getText()) === "Địa danh không được để trống." && (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "body-place", await bodyError.getText());
  await (await tid("body-place")).setValue("Lạng Sơn");
  await (await tid("body-save")).click();
  await waitNotice((t) => t.includes("Đã lưu thông tin cơ quan"), "for the body's details");
  check("the body's details are saved", (await (await $('[data-screen="directory"]')).getText()).includes("Lạng Sơn"));
  await (await tid("unit-add")).click();
  await (await tid("unit-abbreviation")).setValue("KHTC");
  await (await tid("unit-save")).click();
  const unitError = await tid("form-error");
  await unitError.waitForDisplayed({ timeout: 10000 });
  check("a unit without a name is refused naming the field", (await unitError.getText()) === "Tên đơn vị không được để trống.", await unitError.getText());
  check("the refused form keeps what was typed and focuses the name", (await (await tid("unit-abbreviation")).getValue()) === "KHTC" && (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "unit-name");
  await (await tid("unit-name")).setValue("Phòng Kế hoạch - Tài chính");
  await browser.keys(["Enter"]);
  await (await $('[data-testid="unit-row"][data-unit="KHTC"]')).waitForDisplayed({ timeout: 10000 });
  check("the new unit is listed and the refusal's message is gone", (await (await $('[data-testid="unit-row"][data-unit="KHTC"]')).getText()).includes("Phòng Kế hoạch - Tài chính") && (await browser.$$('[data-testid="form-error"]')).length === 0);
  const groupsBefore = (await browser.$$('[data-testid="group-row"]')).length;
  await (await tid("group-add")).click();
  await (await tid("group-name")).setValue("Các huyện biên giới");
  for (const m of ["UBND huyện Cao Lộc", "UBND huyện Lộc Bình", "UBND thành phố Lạng Sơn"]) {
    await (await tid("member-new")).setValue(m);
    await browser.keys(["Enter"]);
  }
  await browser.waitUntil(async () => (await browser.$$('[data-testid="member"]')).length === 3, { timeout: 5000, timeoutMsg: "the members were not added" });
  await (await tid("member-up-2")).click();
  check("moving a member up keeps the focus on it", (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "member-up-1");
  await shot("9b-quan-tri-them-nhom");
  await (await tid("group-save")).click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="group-row"]')).length === groupsBefore + 1, { timeout: 10000, timeoutMsg: "the group is not listed" });
  const groupRow = await (await $('[data-testid="group-row"]*=Các huyện biên giới')).getText();
  check("the group is saved with its members in the order set", /Cao Lộc[\s\S]*thành phố Lạng Sơn[\s\S]*Lộc Bình/.test(groupRow), groupRow);
  await shot("9c-danh-ba-quan-tri");
  // The person and delegation forms, opened and left without saving.
  await (await $('[aria-label="Sửa Nguyễn Văn An"]')).click();
  await (await $("button=+ Thêm ủy quyền")).click();
  await (await $('[data-testid="delegation-form"]')).scrollIntoView({ block: "center" });
  check("the person form shows the person's unit and roles", (await (await $("#person-unit")).getValue()) === "CĐS");
  // Dates are typed day first, whatever the web view's locale; a day that does not exist is
  // refused where it was typed and holds the save.
  await (await $("#del-to")).selectByVisibleText("Trần Thị Bình");
  await (await $("#del-of")).setValue("GIÁM ĐỐC");
  await (await $("#del-valid-from")).setValue("31/04/2027");
  await (await $("#del-valid-to")).click();
  const dayError = await $("#del-valid-from-error");
  await dayError.waitForDisplayed({ timeout: 5000 });
  check("a day that does not exist is refused at the field", (await dayError.getText()) === "Không có ngày 31/04/2027." && (await (await $("#del-valid-from")).getValue()) === "31/04/2027", await dayError.getText());
  await (await $("button=Lưu ủy quyền")).click();
  check("the save waits for the day to be mended, focused there", (await browser.execute(() => document.activeElement?.id)) === "del-valid-from" && (await browser.$$('[data-testid="delegation-row"]')).length === 0);
  await shot("9d-sua-nguoi-dung-va-uy-quyen");
  await (await $("#del-valid-from")).setValue("1/5/2027");
  await browser.keys(["Tab"]);
  check("a day typed without zeros is written dd/mm/yyyy", (await (await $("#del-valid-from")).getValue()) === "01/05/2027");
  await (await $("button=Lưu ủy quyền")).click();
  await waitNotice((t) => t.includes("Đã lưu ủy quyền"), "for the delegation");
  check("the delegation is listed with its day written day first", (await (await $('[data-testid="delegation-row"]')).getText()).includes("từ 01/05/2027"));
  await (await $("button=← Danh sách")).click();
  await (await $("button=Đổi người dùng")).click();
  await pickPerson("chuyenvien");
  await (await tid("create-new")).click();
  await (await tid("start-blank:ke-hoach")).waitForExist({ timeout: 10000 });
  await (await tid("start-blank:ke-hoach")).click();
  await (await tid("chooser-create")).click();
  await (await $('[data-screen="editor"] form[data-whole]')).waitForDisplayed({ timeout: 10000 });
  await (await tid("add-task")).click();
  const newUnit = await $('[data-testid="lead-unit"][data-unit="Phòng Kế hoạch - Tài chính"]');
  await newUnit.waitForExist({ timeout: 10000 });
  check("the editor's task table offers the new unit", true);
  await (await tid("group-recipients-choice")).selectByAttribute("value", "Các huyện biên giới");
  await (await tid("group-recipients-expand")).click();
  await browser.waitUntil(async () => (await browser.$$('[data-path^="recipients.entries["][data-path$="].name"]')).length >= 3, { timeout: 5000, timeoutMsg: "the new group's recipients were not added" });
  const names = await browser.execute(() => [...document.querySelectorAll('[data-path^="recipients.entries["][data-path$="].name"]')].map((e) => e.value));
  check("the editor offers the new group and adds its members in order", names.join("|").includes("UBND huyện Cao Lộc|UBND thành phố Lạng Sơn|UBND huyện Lộc Bình"), names.join("|"));
  await (await tid("action-discard")).click();
  await (await tid("confirm-discard")).click();
  await waitText(await tid("doc-state"), (t) => t === "Đã hủy", "discarded");
  await (await tid("back")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
}
