import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  $,
  KEY_PASSWORD,
  PINS,
  SHOWN,
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
  processAgeMs,
  sectionButton,
  shot,
  shownAt,
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

const SUBJECT = "Tuyên truyền chuyển đổi số năm 2026";

/**
 * The administrator sets the body's seal in "Chữ ký số và con dấu": a file that is no PNG is
 * refused at the image, a seal without its diameter at the diameter; the saved seal is shown
 * from the database. The director's certificate, from the directory file, is described.
 */
async function sealScenario(s) {
  const { browser, work, choose } = s;
  await (await tid("to-directory")).click();
  const bodyRow = await $('[data-testid="signing-row"][data-login=""]');
  await bodyRow.waitForDisplayed({ timeout: 10000 });
  const director = await $('[data-testid="signing-row"][data-login="giamdoc"]');
  check("the director's certificate file is described", (await director.getText()).includes("giamdoc.p12 (tệp PKCS#12"), await director.getText());
  check("the body has no seal yet", (await bodyRow.getText()).includes("Chưa có"), await bodyRow.getText());
  await (await bodyRow.$('[data-testid="signing-edit"]')).click();
  check("the body's certificate is described in the form", (await (await tid("signing-certificate")).getText()).includes("stttt.p12"));
  choose(join(work, "keys", "stttt.pem"));
  await (await tid("signing-pick-image")).click();
  const error = await tid("form-error");
  await error.waitForDisplayed({ timeout: 10000 });
  check("a file that is no PNG is refused at the image", (await error.getText()).startsWith("Ảnh con dấu phải là tệp PNG") && (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "signing-pick-image", await error.getText());
  choose(join(work, "keys", "con-dau.png"));
  await (await tid("signing-pick-image")).click();
  await (await tid("signing-picked-image")).waitForDisplayed({ timeout: 10000 });
  await (await tid("signing-save")).click();
  await browser.waitUntil(async () => (await (await tid("form-error")).getText()).includes("36 mm"), { timeout: 10000, timeoutMsg: "a seal without its diameter was not refused" });
  check("a seal without its diameter is refused at the diameter", (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "seal-diameter");
  await (await tid("seal-diameter")).setValue("36");
  await shot("9a-con-dau");
  await browser.keys(["Enter"]);
  await waitNotice((t) => t.includes("Đã lưu chữ ký số và con dấu"), "for the seal");
  const saved = await $('[data-testid="signing-row"][data-login=""]');
  await browser.waitUntil(async () => (await saved.getText()).includes("36 mm"), { timeout: 10000, timeoutMsg: "the seal's diameter is not shown" });
  const src = await (await saved.$('[data-testid="signing-image"]')).getAttribute("src");
  const file = readFileSync(join(work, "keys", "con-dau.png")).toString("base64");
  check("the saved seal, read back from the database, is the chosen file", src === `data:image/png;base64,${file}`, src.slice(0, 60));
  await shot("9b-chu-ky-so-va-con-dau");
}

// A plan from its first keystroke to the register: the drafter writes it (the start screen
// from the keyboard, the section tree, a pasted legal basis, tasks and groups, the duties drafted
// from them, the signer and recipients from the directory, a revision conflict with another
// computer), the director comments and returns it, the head of unit approves, the director signs
// with his certificate, the administrator gives the body its seal, the registry clerk issues it,
// exports and records the sending; the register, search and "copy as new".
export default async function (s) {
  const { browser, driver, out, work, db, exportDir, dataHome, choose, softhsm, cli } = s;
  // 1. Start: pick who you are.
  const chuyenvien = await tid("person-chuyenvien");
  await chuyenvien.waitForClickable({ timeout: 30000, interval: 10 });
  // From the app's process start (what a person waits for after opening it), and from the
  // WebDriver session's request (which adds WebKitWebDriver's own start).
  const app = appProcesses(driver.pid).find((p) => /^vanban/.test(p.name ?? ""));
  measurements.coldStartToPeopleMs = app ? processAgeMs(app.pid) : Date.now() - s.started;
  measurements.coldStartToPeopleViaWebDriverMs = Date.now() - s.started;
  // The same inside the window: from the process's start to the frame after the one that drew
  // the people (the app's own mark), with none of WebDriver's polling. The process's start is
  // known to 10 ms (the kernel's clock ticks).
  const startedAt = app ? Date.now() - processAgeMs(app.pid) : s.started;
  const peopleAt = await shownAt(SHOWN.people);
  measurements.coldStartToPeopleInWindowMs = Math.round(peopleAt - startedAt);
  const focused = await browser.execute(() => document.activeElement?.getAttribute("data-testid"));
  check("the first person is focused, so Enter picks from the keyboard", focused === "person-admin" || /^person-/.test(focused ?? ""), String(focused));
  await shot("1-chon-nguoi-dung");
  if (PINS.truongphong) {
    // Picking the head of unit asks for the PIN: a wrong one is refused, the field keeps the
    // focus; the right one would let them in (they come back later in the flow).
    await (await tid("person-truongphong")).click();
    const pin = await tid("pin");
    await pin.waitForDisplayed({ timeout: 10000 });
    check("a person with a PIN is asked for it in a password field", (await pin.getAttribute("type")) === "password" && (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "pin");
    await pin.setValue("1111");
    await browser.keys(["Enter"]);
    const wrong = await tid("pin-error");
    await wrong.waitForDisplayed({ timeout: 10000 });
    check("a wrong PIN is refused with a clear message", (await wrong.getText()).includes("Mã PIN không đúng") && (await $('[data-screen="person"]').isDisplayed()), await wrong.getText());
    check("after a wrong PIN the field is empty and keeps the focus", (await pin.getValue()) === "" && (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "pin");
    await shot("1b-ma-pin-sai");
    await (await $("button=Chọn người khác")).click();
    await (await tid("person-truongphong")).waitForDisplayed({ timeout: 10000 });
    check("going back to the list puts the focus on the same person", (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "person-truongphong");
    // The keyboard walk below starts from the top of the list.
    await browser.execute(() => document.querySelector('[data-testid="person-admin"]')?.focus());
  }
  // From the keyboard: Tab to the drafter, Enter.
  for (let i = 0; i < 8; i++) {
    const at = await browser.execute(() => document.activeElement?.getAttribute("data-testid"));
    if (at === "person-chuyenvien") break;
    await browser.keys(["Tab"]);
  }
  check("the drafter is reachable with Tab", (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "person-chuyenvien");
  // When the window sees the Enter, for the in-window figure.
  await browser.execute(() => {
    window.__pickedAt = null;
    window.addEventListener("keydown", (e) => (window.__pickedAt ??= e.key === "Enter" ? performance.now() : null), { capture: true });
  });
  const pickedAt = Date.now();
  await browser.keys(["Enter"]);
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000, interval: 10 });
  await (await tid("create-new")).waitForClickable({ timeout: 10000, interval: 10 });
  measurements.pickToListMs = Date.now() - pickedAt;
  measurements.coldStartToListMs = measurements.coldStartToPeopleMs + measurements.pickToListMs;
  const listAt = await shownAt(SHOWN.list);
  const enterAt = await browser.execute(() => performance.timeOrigin + window.__pickedAt);
  measurements.pickToListInWindowMs = Math.round(listAt - enterAt);
  measurements.coldStartToListInWindowMs = measurements.coldStartToPeopleInWindowMs + measurements.pickToListInWindowMs;
  check("list screen for the drafter", (await (await tid("current-person")).getText()).includes("Nguyễn Văn An"));
  await shot("2-danh-sach");

  // 2. Create a blank plan from the chooser.
  await (await tid("create-new")).click();
  await (await tid("template-chooser")).waitForDisplayed({ timeout: 10000 });
  await (await tid("start-blank:ke-hoach")).waitForExist({ timeout: 10000 });
  await shot("2b-chon-mau");
  await (await tid("start-blank:ke-hoach")).click();
  await (await tid("chooser-create")).click();
  await (await $('[data-screen="editor"] form[data-whole]')).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="preview-page"]')).length > 0, {
    timeout: 20000,
    timeoutMsg: "no preview pages",
  });
  check("header filled from the directory", (await (await field("header.issuing_body.name")).getValue()) === "Sở Thông tin và Truyền thông");
  // The checks come once the pages have rested a moment (they are made after the pages).
  const diagCount = async () => (await browser.$$('[data-testid="diagnostic"]')).length;
  await browser.waitUntil(async () => (await diagCount()) >= 4, { timeout: 5000, interval: 50 }).catch(() => {});
  const diags = await diagCount();
  check("the check panel lists what is missing", diags >= 4, `${diags} diagnostics`);
  await shot("3-soan-thao-moi");

  // 3. Follow a diagnostic to its field, and type the subject there.
  const subjectDiag = await $('[data-testid="diagnostic"][data-path="subject"]');
  await subjectDiag.click();
  const active = await browser.execute(() => document.activeElement?.getAttribute("data-path"));
  check("clicking the subject's diagnostic focuses the subject field", active === "subject", String(active));
  // Typed into the focused field (WebKitWebDriver drops some spaces of a long key sequence).
  await (await field("subject")).addValue(SUBJECT);
  const previewText = await tid("preview-text");
  await browser.waitUntil(async () => (await previewText.getProperty("textContent")).includes(SUBJECT), {
    timeout: 10000,
    timeoutMsg: "preview does not show the subject",
  });
  check("the preview shows the typed subject", true);

  // Keystroke-to-preview latency: one character at a time, each waited for on screen.
  Object.assign(measurements, { shortPlan: await latency("abcdefghij", "the short plan") });
  for (let i = 0; i < 10; i++) await browser.keys(["Backspace"]);

  // 4. Fill the rest: header, a paragraph, closing, signer, recipients.
  await type("header.place", "Lạng Sơn");
  await (await $("button=Thêm đoạn văn vào mục 1.")).click();
  await type("body.sections[0].subsections[0].blocks[0].text", "Nâng cao nhận thức của cán bộ, công chức về chuyển đổi số.");
  await type("closing", "Trên đây là Kế hoạch tuyên truyền chuyển đổi số năm 2026./.");

  // The section tree: a section added after I. takes number II. and pushes the others down;
  // indented, it becomes 3. under I. and the numbers come back.
  await (await sectionButton("I.", "add-after")).click();
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.getAttribute("data-path"))) === "body.sections[1]", {
    timeout: 5000,
    timeoutMsg: "the new section's title is not focused",
  });
  await (await field("body.sections[1]")).addValue("Nhiệm vụ trọng tâm");
  check("the added section is numbered II. and NỘI DUNG becomes III.", (await (await $('[data-testid="section"][data-label="III."]')).isExisting()) && (await (await field("body.sections[2]")).getValue()).startsWith("NỘI DUNG"));
  await waitPreview((t) => t.includes("II. NHIỆM VỤ TRỌNG TÂM") || t.includes("II. Nhiệm vụ trọng tâm"), "the new section II.");
  await (await sectionButton("II.", "indent")).click();
  await waitPreview((t) => t.includes("3. Nhiệm vụ trọng tâm") && t.includes("II. NỘI DUNG"), "the indented section as 3. under I.");
  check("indented, the section is 3. under I. and NỘI DUNG is II. again", (await (await field("body.sections[0].subsections[2]")).getValue()) === "Nhiệm vụ trọng tâm");
  await (await $("button=Thêm đoạn văn vào mục 3.")).click();
  await type("body.sections[0].subsections[2].blocks[0].text", "Tập trung tuyên truyền về dịch vụ công trực tuyến.");

  // A legal basis pasted and read into its fields.
  const paste = await tid("paste-basis");
  await paste.scrollIntoView({ block: "center" });
  await paste.setValue("Căn cứ Quyết định số 1588/QĐ-TTg ngày 17/12/2024 của Thủ tướng Chính phủ phê duyệt Đề án tuyên truyền");
  await (await tid("parse-basis")).click();
  const number = await field("legal_basis.paragraphs[0].groups[0][0].number");
  await number.waitForExist({ timeout: 10000 });
  check("the pasted citation is read into its fields", (await number.getValue()) === "1588/QĐ-TTg" && (await (await field("legal_basis.paragraphs[0].groups[0][0].date")).getValue()) === "17/12/2024" && (await (await field("legal_basis.paragraphs[0].groups[0][0].issuer")).getValue()) === "Thủ tướng Chính phủ");
  await waitPreview((t) => t.includes("Căn cứ Quyết định số 1588/QĐ-TTg ngày 17/12/2024 của Thủ tướng Chính phủ"), "the legal basis");
  await shot("4a-can-cu-va-muc");

  // A task with its lead unit picked from the directory.
  await (await tid("add-task")).click();
  await type("tasks[0].content", "Xây dựng chuyên mục chuyển đổi số trên cổng thông tin điện tử");
  const lead = await $('[data-testid="lead-unit"][data-unit="Phòng Chuyển đổi số"]');
  await lead.scrollIntoView({ block: "center" });
  await lead.click();
  await (await $('[data-testid="cooperating-unit"][data-unit="Văn phòng Sở"]')).click();
  await (await field("tasks[0].time")).selectByVisibleText("Thường xuyên");
  await type("tasks[0].target", "12 tin bài/năm");
  await waitPreview((t) => t.includes("Xây dựng chuyên mục chuyển đổi số"), "the task in the body");
  await browser.waitUntil(async () => (await (await tid("check-panel")).getText()).includes("“Phòng Chuyển đổi số” chủ trì nhiệm vụ"), { timeout: 10000, timeoutMsg: "no check on the lead unit" });
  check("the check panel asks for the lead unit picked from the directory among the recipients", true);
  // Printed as an appendix, the table shows the units.
  await (await $("button=In bảng nhiệm vụ thành phụ lục")).click();
  await waitPreview((t) => t.toLowerCase().includes("phụ lục") && t.includes("Phòng Chuyển đổi số") && t.includes("12 tin bài/năm"), "the task table appendix with the lead unit");
  check("the task table appendix shows the task with its lead unit and target", true);
  // The time as a span of quarters.
  await (await field("tasks[0].time")).selectByVisibleText("Từ quý … đến quý …");
  await (await field("tasks[0].time.to")).selectByVisibleText("II");
  await waitPreview((t) => t.includes("Quý I đến Quý II"), "the task's quarters");
  check("the task's time picked as quarters shows as “Quý I đến Quý II”", true);
  // Groups of tasks, one inside another: a group, a subgroup in it, a task in the subgroup;
  // then the group is deleted again (the rest of the flow works with the one task).
  await (await tid("add-task-group")).click();
  await type("tasks[1].title", "Nhóm nhiệm vụ tuyên truyền");
  await (await tid("add-subgroup")).click();
  await type("tasks[1].tasks[0].title", "Tuyên truyền trên báo chí");
  await (await $('[data-testid="task-group"][data-depth="2"] [data-testid="add-task-in-group"]')).click();
  await type("tasks[1].tasks[0].tasks[0].content", "Đăng tin bài trên Báo Lạng Sơn");
  await waitPreview((t) => t.includes("Tuyên truyền trên báo chí") && t.includes("Đăng tin bài trên Báo Lạng Sơn"), "the subgroup and its task in the table");
  check("a subgroup inside a group holds its own task, shown in the table", true);
  await shot("4b0-nhom-con");
  await (await $('button[aria-label="Xóa nhóm 2"]')).click();
  await waitPreview((t) => !t.includes("Tuyên truyền trên báo chí"), "the group deleted");
  await (await tid("task-row")).scrollIntoView({ block: "start" });
  await shot("4b-bang-nhiem-vu");
  await (await $("button=Thêm đoạn văn vào mục II.")).click();
  await type("body.sections[1].blocks[0].text", "Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.");

  // "Tổ chức thực hiện" drafted from the task table; undone and redone from the keyboard.
  await (await tid("draft-duties")).click();
  await waitPreview((t) => t.includes("Chủ trì xây dựng chuyên mục chuyển đổi số"), "the drafted duty");
  check("the duty of the lead unit is drafted from the task", true);
  await browser.keys(["Control", "z"]);
  await waitPreview((t) => !t.includes("Chủ trì xây dựng chuyên mục"), "the duty undone");
  await browser.keys(["Control", "Shift", "z"]);
  await waitPreview((t) => t.includes("Chủ trì xây dựng chuyên mục"), "the duty redone");
  check("Ctrl+Z undoes the drafted duties and Ctrl+Shift+Z redoes them", true);

  // The signer picked from the directory; recipients from a directory group and by hand.
  await (await tid("signer-choice")).selectByVisibleText("GIÁM ĐỐC Lê Văn Cường");
  await browser.waitUntil(async () => (await (await field("signature.name")).getValue()) === "Lê Văn Cường", { timeout: 5000, timeoutMsg: "signer not filled" });
  check("the signer is filled from the directory", (await (await field("signature.title")).getValue()) === "GIÁM ĐỐC");
  await (await tid("add-recipient")).click();
  await type("recipients.entries[0].name", "UBND tỉnh Lạng Sơn");
  await (await tid("group-recipients-choice")).selectByAttribute("value", "Các phòng, đơn vị thuộc Sở");
  await (await tid("group-recipients-expand")).click();
  await browser.waitUntil(async () => (await browser.$$('[data-path^="recipients.entries["][data-path$="].name"]')).length >= 6, { timeout: 5000, timeoutMsg: "the group's recipients were not added" });
  check("a directory group adds its recipients", true);
  await waitText(await tid("check-summary"), (t) => t.includes("Không có lỗi"), "no more errors");
  check("every error fixed", true);
  await browser.keys(["Control", "s"]);
  await waitText(await tid("save-status"), (t) => t.startsWith("Đã lưu bản"), "the save");
  check("Ctrl+S saves a revision", true);
  await shot("4-soan-thao-day-du");

  // Memory of the idle app with the document open.
  await new Promise((r) => setTimeout(r, 3000));
  measurements.idleMemoryWithDocumentOpen = memoryOf(appProcesses(driver.pid));

  // Someone saves another revision of the same draft from another computer (here the CLI on
  // the same database); the next autosave here is refused, never written over it, and the
  // text typed here is kept until the drafter chooses.
  const docId = JSON.parse(execFileSync(cli, ["list", "--db", db, "--format", "json"], { encoding: "utf8" }))[0].id;
  const other = join(work, "khac.json");
  writeFileSync(other, execFileSync(cli, ["new", "--type", "ke-hoach"], { encoding: "utf8" }));
  const otherDoc = JSON.parse(readFileSync(other, "utf8"));
  otherDoc.document.subject = "Bản sửa trên máy khác";
  writeFileSync(other, JSON.stringify(otherDoc));
  const historyOf = () => JSON.parse(execFileSync(cli, ["history", String(docId), "--db", db, "--format", "json"], { encoding: "utf8" }));
  const revisionsBefore = historyOf().revisions.length;
  execFileSync(cli, ["save", String(docId), other, "--db", db, "--as", "chuyenvien"]);
  await type("body.sections[0].subsections[0].blocks[0].text", "Nâng cao nhận thức của cán bộ, công chức, viên chức về chuyển đổi số.");
  const conflict = await tid("conflict");
  await conflict.waitForDisplayed({ timeout: 15000 });
  check("a save after someone else's is refused and says who saved which revision", /đã có bản \d+ do chuyenvien lưu sau bản \d+/.test(await conflict.getText()), await conflict.getText());
  check("the form shows the later revision, read only", (await (await field("subject")).getValue()) === "Bản sửa trên máy khác" && (await (await field("subject")).getAttribute("readonly")) !== null);
  await shot("4c-xung-dot");
  await (await tid("conflict-keep-mine")).click();
  await browser.waitUntil(async () => (await (await field("subject")).getValue()) === SUBJECT, { timeout: 5000, timeoutMsg: "the drafter's text did not come back" });
  await browser.keys(["Control", "s"]);
  await waitText(await tid("save-status"), (t) => t.startsWith("Đã lưu bản"), "the save on top of the later revision");
  const after = historyOf();
  check("kept, the drafter's text is saved on top of the other revision, which stays in the history", after.revisions.length === revisionsBefore + 2 && after.document.subject === SUBJECT, `${revisionsBefore} → ${after.revisions.length}, “${after.document.subject}”`);

  await (await tid("action-submit")).click();
  await waitText(await tid("doc-state"), (t) => t === "Chờ duyệt", "in review");
  check("submitted", (await stateBadge()) === "Chờ duyệt");
  check("a submitted draft is read-only", (await (await field("subject")).getAttribute("readonly")) !== null);

  // 5. The director comments on a section and returns it with a reason; the drafter sees both,
  // fixes it and submits again; the head of unit approves.
  await switchTo("giamdoc");
  await (await $('[role="tab"][data-state="waiting"]')).click();
  await (await $('button[data-testid^="open-"]')).waitForDisplayed({ timeout: 10000 });
  check("the director finds it under “Chờ tôi duyệt”", (await (await $('[role="tab"][data-state="waiting"]')).getText()) === "Chờ tôi duyệt");
  await openFromTab("waiting");
  await (await tid("comment-anchor")).selectByAttribute("value", "body.sections[0].subsections[1]");
  await (await tid("comment-text")).setValue("Mục Yêu cầu còn trống.");
  await (await tid("comment-send")).click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="comment"]')).length === 1, { timeout: 10000, timeoutMsg: "the comment is not listed" });
  const comment = await (await $('[data-testid="comment"]')).getText();
  check("the comment is listed with the section it is about", comment.includes("Mục 2. Yêu cầu") && comment.includes("Mục Yêu cầu còn trống."), comment);
  await shot("5-giam-doc-gop-y");
  await (await tid("action-return")).click();
  const reason = await tid("return-reason");
  await reason.waitForDisplayed({ timeout: 5000 });
  check("the reason box takes the focus", (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "return-reason");
  await reason.setValue("Bổ sung nội dung mục Yêu cầu.");
  await (await tid("confirm-return")).click();
  await waitText(await tid("doc-state"), (t) => t === "Dự thảo", "returned");
  check("returned to the drafter", true);
  await switchTo("chuyenvien");
  await openFromTab("draft");
  const note = await (await tid("return-note")).getText();
  check("the drafter sees who returned it and why", note.includes("Lê Văn Cường") && note.includes("Bổ sung nội dung mục Yêu cầu."), note);
  const seen = await (await $('[data-testid="comment"]')).getText();
  check("the drafter sees the comment on the section", seen.includes("Mục Yêu cầu còn trống."), seen);
  // Following the comment brings the drafter to the section.
  await (await $('[data-testid="comment"] .anchor')).click();
  check("the comment's link focuses the section", (await browser.execute(() => document.activeElement?.getAttribute("data-path"))) === "body.sections[0].subsections[1]");
  await shot("5b-chuyen-vien-sua-theo-y-kien");
  await (await $("button=Thêm đoạn văn vào mục 2.")).click();
  await type("body.sections[0].subsections[1].blocks[0].text", "Bảo đảm thiết thực, hiệu quả.");
  await waitText(await tid("save-status"), (t) => t.startsWith("Đã lưu bản"), "the autosave", 20000);
  check("the fix is saved by autosave", true);
  await (await tid("action-submit")).click();
  await waitText(await tid("doc-state"), (t) => t === "Chờ duyệt", "in review again");
  await switchTo("truongphong");
  await openFromTab("in-review");
  await (await tid("action-approve")).click();
  await waitText(await tid("doc-state"), (t) => t === "Đã duyệt", "approved");
  check("approved by truongphong", true);

  // 6. The director sees what changed since he returned it, highlighted, and signs.
  await switchTo("giamdoc");
  await openFromTab("approved");
  const added = await tid("change-added");
  await added.waitForDisplayed({ timeout: 10000 });
  const addedText = await added.getText();
  const marked = await browser.execute(() => [...document.querySelectorAll('[data-testid="change-added"] mark')].map((m) => m.textContent).join(" "));
  check("the director sees the drafter's fix highlighted as a change", addedText.includes("Bảo đảm thiết thực, hiệu quả.") && marked.includes("Bảo đảm thiết thực"), `${addedText} / ${marked}`);
  check("and only what changed", (await browser.$$('[data-testid="change-removed"]')).length + (await browser.$$('[data-testid="change-added"]')).length <= 3);
  await (await $('[data-changed="true"] [data-path="body.sections[0].subsections[1].blocks[0].text"]')).waitForExist({ timeout: 5000, timeoutMsg: "the changed paragraph is not marked in the form" });
  check("the changed paragraph is marked in the form, and only it", (await browser.$$('[data-changed="true"]')).length === 1);
  // And in the pages themselves: the paragraph on a light background in its page, which says
  // so above it; no other page.
  await (await $('[data-testid="preview-page"][data-marked="true"]')).waitForExist({ timeout: 15000, timeoutMsg: "the change is not marked in the preview's pages" });
  const markedPages = await browser.$$('[data-testid="preview-page"][data-marked="true"]');
  check("the change is marked inside the preview's page, and only there", markedPages.length === 1, `${markedPages.length} pages`);
  await markedPages[0].scrollIntoView({ block: "center" });
  await shot("6a2-thay-doi-trong-trang");
  await (await $('[data-testid="change-added"] .change-link')).click();
  check("a change leads to the field it comes from", (await browser.execute(() => document.activeElement?.getAttribute("data-path"))) === "body.sections[0].subsections[1].blocks[0].text");
  await shot("6a-giam-doc-xem-thay-doi");
  // The director has a certificate in the directory: the app asks for its password. A wrong
  // one is refused with a clear message and the prompt stays; the right one signs.
  await (await tid("action-sign")).click();
  const keyBox = await tid("key-password");
  await keyBox.waitForDisplayed({ timeout: 5000 });
  check("signing asks for the certificate's password, focused", (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "key-password");
  await keyBox.setValue("sai mật khẩu");
  await browser.keys(["Enter"]);
  const keyError = await tid("key-error");
  await keyError.waitForDisplayed({ timeout: 15000 });
  check("a wrong password is refused in the prompt, saying so", /mật khẩu/i.test(await keyError.getText()) && (await stateBadge()) === "Đã duyệt", await keyError.getText());
  check("the prompt stays with the password emptied and focused", (await keyBox.getValue()) === "" && (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "key-password");
  await shot("6b-ky-so-sai-mat-khau");
  await keyBox.setValue(KEY_PASSWORD);
  await browser.keys(["Enter"]);
  await waitText(await tid("doc-state"), (t) => t === "Đã ký", "signed");
  check("signed digitally by giamdoc", (await lastNotice()).includes("Đã ký số"), await lastNotice());
  await waitPreview((t) => t.includes("Lê Văn Cường"), "the signed revision");
  await shot("6c-da-ky-so");

  // 6d. Before issuing, the administrator gives the body its seal in the directory screen.
  await switchTo("admin");
  await sealScenario(s);

  // 7. The registry clerk issues and exports.
  await (await $("button=← Danh sách")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
  await (await $("button=Đổi người dùng")).click();
  await pickPerson("vanthu");
  await openFromTab("signed");
  await (await tid("action-issue")).click();
  await (await tid("key-password")).waitForDisplayed({ timeout: 5000 });
  check("issuing a document signed digitally asks for the body's certificate password", (await (await tid("key-prompt")).getText()).includes("cơ quan"));
  await (await tid("key-password")).setValue(KEY_PASSWORD);
  await (await tid("key-submit")).click();
  await waitText(await tid("doc-state"), (t) => t === "Đã ban hành", "issued");
  const issued = await lastNotice();
  const m = /số (\d+\/KH-STTTT)/.exec(issued);
  check("issued with the register's first number", m?.[1] === "01/KH-STTTT", issued);
  await (await tid("export-pdf")).click();
  await waitNotice((t) => t.includes("Đã xuất") && t.includes(".pdf"), "for the PDF");
  await (await tid("export-docx")).click();
  await waitNotice((t) => t.includes("Đã xuất") && t.includes(".docx"), "for the DOCX");
  // Distribution recorded per recipient.
  await (await tid("dist-record")).click();
  await browser.waitUntil(async () => (await (await $('[data-testid="dist-row"]')).getText()).includes("Đã gửi"), { timeout: 10000, timeoutMsg: "distribution not shown" });
  check("the sending to the first recipient is recorded", true);
  await shot("6-van-thu-ban-hanh");

  const pdf = join(exportDir, "01-KH-STTTT.pdf");
  check("the PDF was written", existsSync(pdf), readdirSync(exportDir).join(", "));
  const { report: sig, valid } = signatures(pdf);
  check("the exported PDF carries two valid signatures: the director's and the agency's", valid === 2 && sig.includes("Lê Văn Cường") && sig.includes("Sở Thông tin và Truyền thông tỉnh Lạng Sơn"), sig.slice(0, 600));
  execFileSync("pdftoppm", ["-f", "1", "-l", "1", "-r", "60", "-png", pdf, join(out, "8-ban-hanh-trang-1")]);
  // The seal set in the directory screen (200×200 pixels) is drawn on page 1 at issue, with
  // the director's signature (300×120).
  const images = execFileSync("pdfimages", ["-list", "-f", "1", "-l", "1", pdf], { encoding: "utf8" });
  const sizes = images.split("\n").slice(2).map((l) => l.trim().split(/\s+/)).filter((c) => c[2] === "image").map((c) => `${c[3]}x${c[4]}`);
  check("page 1 carries the seal set in the app and the director's signature image", sizes.includes("200x200") && sizes.includes("300x120"), sizes.join(", "));
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  const flat = text.replace(/\s+/g, " ");
  check("the PDF has the number", flat.includes("01/KH-STTTT"), flat.slice(0, 300));
  check("the PDF has the subject", flat.includes(SUBJECT), flat.slice(0, 600));
  check("the PDF has the paragraph", flat.includes("Nâng cao nhận thức của cán bộ"));
  check("the PDF has the signer", flat.includes("Lê Văn Cường"));
  check("the PDF has the drafter's fix", flat.includes("Bảo đảm thiết thực, hiệu quả."));
  const docx = join(exportDir, "01-KH-STTTT.docx");
  const xml = zipEntry(docx, "word/document.xml") ?? "";
  check("the DOCX has the subject and the number", xml.includes("chuyển đổi số năm 2026") && xml.includes("01/KH-STTTT"));
  check("the PDF has the pasted legal basis", flat.includes("Căn cứ Quyết định số 1588/QĐ-TTg ngày 17/12/2024"));
  check("the PDF has the task's lead unit and the drafted duty", flat.includes("Phòng Chuyển đổi số") && flat.includes("Chủ trì xây dựng chuyên mục"));

  // The registry screen: the register of the year, exported as the decree's form.
  await (await tid("back")).click();
  await (await tid("to-registry")).click();
  const row = await $('[data-testid="register-row"]');
  await row.waitForDisplayed({ timeout: 10000 });
  check("the register lists the issued document", (await row.getText()).includes("01/KH-STTTT"));
  await (await tid("register-pdf")).click();
  await waitNotice((t) => t.includes("Đã xuất sổ văn bản đi"), "for the register");
  const year = await (await tid("register-year")).getValue();
  const registerPdf = join(exportDir, `so-van-ban-di-${year}.pdf`);
  const registerText = execFileSync("pdftotext", ["-layout", registerPdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  check("the printed register has the number", registerText.includes("01/KH-STTTT"), registerText.slice(0, 300));
  await shot("8-so-van-ban-di");
  await (await tid("back-to-list")).click();
  await (await tid("to-directory")).click();
  await (await tid("db-path")).waitForDisplayed({ timeout: 10000 });
  check("the directory screen shows the units and the database", (await (await $('[data-screen="directory"]')).getText()).includes("Phòng Chuyển đổi số"));
  await shot("9-danh-ba");
  await (await $("button=← Danh sách")).click();
  // Search, accents ignored.
  await (await tid("search")).setValue("tuyen truyen chuyen doi so");
  await browser.keys(["Enter"]);
  await (await tid("open-1")).waitForDisplayed({ timeout: 10000 });
  check("the search finds the plan without accents", true);
  await (await tid("filter-unit")).selectByVisibleText("Phòng Chuyển đổi số");
  check("filtered by the drafting unit, the plan stays", await (await tid("open-1")).isDisplayed());
  await (await tid("filter-unit")).selectByVisibleText("Tất cả");

  // The drafter copies the issued plan as a new draft, then discards the copy.
  await (await $("button=Đổi người dùng")).click();
  await (await tid("person-chuyenvien")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
  await (await tid("search")).setValue("tuyen truyen chuyen doi so");
  await browser.keys(["Enter"]);
  await (await tid("copy-1")).waitForClickable({ timeout: 10000 });
  await (await tid("copy-1")).click();
  await (await $('[data-screen="editor"] form[data-whole]')).waitForDisplayed({ timeout: 10000 });
  await waitText(await tid("doc-state"), (t) => t === "Dự thảo", "the copy is a draft");
  check("the copy is a new draft with the same subject and no number", (await (await field("subject")).getValue()) === SUBJECT);
  await (await tid("action-discard")).click();
  await (await tid("confirm-discard")).click();
  await waitText(await tid("doc-state"), (t) => t === "Đã hủy", "discarded");
  check("the copy is discarded", true);
  await (await tid("back")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
}
