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

const LETTER_SUBJECT = "hướng dẫn triển khai Ngày Chuyển đổi số quốc gia năm 2026";
const OWN_TEMPLATE = "Công văn hướng dẫn CĐS";

/** A công văn from the shipped "công văn hướng dẫn" template, Kính gửi filled with a
 * directory group, a citation picked from the library, saved as the body's own template; a new
 * document from that template carries all of it, and its PDF is a letter (V/v, Kính gửi, no
 * type heading). */
export default async function (s) {
  const { browser, driver, out, work, db, exportDir, dataHome, choose, softhsm, cli } = s;
  await enterAs("chuyenvien");

  // The chooser from the keyboard: the filter takes the focus, Tab reaches the radio group.
  await (await tid("create-new")).click();
  await (await tid("template-chooser")).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.id)) === "chooser-filter", {
    timeout: 5000,
    timeoutMsg: "the chooser's filter is not focused",
  });
  // Typed with setValue (WebKitWebDriver drops some spaces of a key sequence).
  await (await tid("chooser-filter")).setValue("cong van huong dan");
  const letterKey = "start-template:cong-van-huong-dan";
  await (await tid(letterKey)).waitForDisplayed({ timeout: 5000 });
  check("the filter without accents keeps the “công văn hướng dẫn” template, chosen", (await browser.$$('input[name="start"]')).length === 1 && (await (await tid(letterKey)).isSelected()));
  await shot("10-chon-mau-cong-van");
  await (await tid("chooser-create")).click();
  await (await $('[data-screen="editor"] form[data-whole]')).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="preview-page"]')).length > 0, { timeout: 20000, timeoutMsg: "no preview pages" });
  check("the letter has the drafter's unit in its ký hiệu", (await (await field("header.unit_abbreviation")).getValue()) === "CĐS");
  check("the letter's signer comes from the directory", (await (await field("signature.name")).getValue()) === "Lê Văn Cường");
  check("a công văn shows Kính gửi and no task table", (await (await tid("addressees")).isExisting()) && !(await (await tid("task-row")).isExisting()));
  await (await field("subject")).setValue(LETTER_SUBJECT);

  // Kính gửi: the template's second line replaced by the directory's group, one line per member.
  await (await tid("remove-addressee-1")).click();
  await browser.waitUntil(async () => (await countFields(/^addressees\[\d+\]\.name$/)) === 1, { timeout: 5000, timeoutMsg: "the line was not removed" });
  await (await tid("group-addressees-choice")).selectByAttribute("value", "UBND các huyện, thành phố");
  await (await tid("group-addressees-expand")).click();
  await browser.waitUntil(async () => (await countFields(/^addressees\[\d+\]\.name$/)) === 12, { timeout: 5000, timeoutMsg: "the group's members were not added to Kính gửi" });
  await waitPreview((t) => t.includes("UBND huyện Văn Lãng"), "the group's last member under Kính gửi");
  check("the group fills Kính gửi, one line per member", true);

  // A citation from the library, searched without accents.
  await (await tid("library-query")).setValue("ngay chuyen doi so 505");
  await (await tid("library-search")).click();
  const cite = await $('[data-testid="cite"][data-number="505/QĐ-TTg"]');
  await cite.waitForDisplayed({ timeout: 10000 });
  await cite.click();
  await waitPreview((t) => t.includes("Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ"), "the cited decision in full");
  check("the library's decision is cited in full in the legal basis", (await (await field("legal_basis.paragraphs[0].groups[0][0].number")).getValue()) === "505/QĐ-TTg");
  // The template's blanks ("Thực hiện …, …") are warnings while drafting, not errors.
  await waitText(await tid("check-summary"), (t) => t.includes("Không có lỗi") || t.startsWith("0 lỗi"), "no errors in the letter");
  await (await tid("legal-basis")).scrollIntoView({ block: "start" });
  await shot("11-cong-van-tu-mau");

  // Saved as the body's template: a name that is empty is refused, naming the field.
  await (await tid("save-template")).click();
  const name = await tid("template-name");
  await name.waitForDisplayed({ timeout: 5000 });
  check("the template's name box takes the focus", (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "template-name");
  // Emptied from the keyboard (WebKitWebDriver's clearValue fires no input event).
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  await (await tid("confirm-save-template")).click();
  await (await tid("template-name-problem")).waitForDisplayed({ timeout: 5000 });
  check("an empty template name is refused, naming the field", (await (await tid("template-name-problem")).getText()).includes("Tên mẫu"));
  await name.setValue(OWN_TEMPLATE);
  await (await tid("confirm-save-template")).click();
  await waitNotice((t) => t.includes(`Đã lưu mẫu “${OWN_TEMPLATE}”`), "for the saved template");
  await shot("12-luu-lam-mau");

  // A new document from the saved template: everything typed above is there.
  await (await tid("back")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
  await (await tid("create-new")).click();
  const own = await tid(`start-template:${OWN_TEMPLATE}`);
  await own.waitForDisplayed({ timeout: 10000 });
  check("the chooser lists the body's own template", (await (await tid("own-templates")).getText()).includes(OWN_TEMPLATE));
  await own.click();
  await shot("13-mau-cua-co-quan");
  await (await tid("chooser-create")).click();
  await (await $('[data-screen="editor"] form[data-whole]')).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="preview-page"]')).length > 0, { timeout: 20000, timeoutMsg: "no preview pages" });
  check("the new letter has the template's subject", (await (await field("subject")).getValue()) === LETTER_SUBJECT);
  check("the new letter has the twelve Kính gửi lines", (await countFields(/^addressees\[\d+\]\.name$/)) === 12);
  await waitText(await tid("check-summary"), (t) => t.includes("Không có lỗi") || t.startsWith("0 lỗi"), "no errors in the new letter");
  await (await tid("save")).click();
  await waitText(await tid("save-status"), (t) => t.startsWith("Đã lưu bản") || t.startsWith("Bản"), "the save");
  await (await tid("export-pdf")).click();
  await waitNotice((t) => t.includes("Đã xuất") && t.includes(".pdf"), "for the letter's PDF");
  const file = readdirSync(exportDir).filter((f) => /^du-thao-\d+\.pdf$/.test(f)).sort().pop();
  check("the letter's PDF was written", !!file, readdirSync(exportDir).join(", "));
  const letter = execFileSync("pdftotext", ["-layout", join(exportDir, file), "-"], { encoding: "utf8" });
  const flatLetter = letter.replace(/\s+/g, " ");
  check("the letter's PDF has “V/v” and its subject", flatLetter.includes("V/v hướng dẫn triển khai Ngày Chuyển đổi số"), flatLetter.slice(0, 500));
  check("the letter's PDF has “Kính gửi:”", flatLetter.includes("Kính gửi:"));
  check("the letter's PDF has no “CÔNG VĂN” heading", !/CÔNG VĂN/.test(letter));
  check("the letter's PDF cites Quyết định 505 in full", flatLetter.includes("Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ"));
  check("the letter's PDF lists the group's members and “Như trên”", flatLetter.includes("UBND huyện Cao Lộc") && flatLetter.includes("Như trên"));
  await shot("14-cong-van-moi-tu-mau-co-quan");

  // A quyết định from its template shows the decision's own parts.
  await (await tid("back")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
  await (await tid("create-new")).click();
  await (await tid("start-template:quyet-dinh-ban-hanh-ke-hoach")).waitForDisplayed({ timeout: 10000 });
  await (await tid("start-template:quyet-dinh-ban-hanh-ke-hoach")).click();
  await (await tid("chooser-create")).click();
  await (await $('[data-screen="editor"] form[data-whole]')).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="preview-page"]')).length > 0, { timeout: 20000, timeoutMsg: "no preview pages" });
  check("a quyết định has its issuing authority filled from the directory", (await (await field("issuing_authority")).getValue()) === "Giám đốc Sở Thông tin và Truyền thông");
  check("a quyết định has “Theo đề nghị của”, articles and the attached plan, no Kính gửi", (await (await field("legal_basis.proposal")).isExisting()) && (await (await $('[data-testid="section"][data-label="Điều 3."]')).isExisting()) && (await (await tid("attachment")).isExisting()) && !(await (await tid("addressees")).isExisting()));
  await waitPreview((t) => t.includes("QUYẾT ĐỊNH:") && t.includes("Điều 1."), "the decision's articles");
  await (await tid("sections")).scrollIntoView({ block: "start" });
  await shot("15-quyet-dinh-tu-mau");
  // The attached plan taken away, then a quy chế attached instead from the form.
  await waitPreview((t) => t.includes("KẾ HOẠCH"), "the attached plan's title");
  await (await tid("remove-attachment")).click();
  await (await tid("no-attachment")).waitForDisplayed({ timeout: 5000 });
  await waitPreview((t) => !t.includes("KẾ HOẠCH"), "the plan gone from the pages");
  check("the attached plan is taken away, from the form and the pages", true);
  await (await tid("attachment-type")).selectByVisibleText("Quy chế");
  await (await tid("add-attachment")).click();
  await (await tid("attachment")).waitForDisplayed({ timeout: 5000 });
  // The focus moves once the new fields are drawn (a frame later on a busy machine).
  const focused = () => browser.execute(() => document.activeElement?.getAttribute("data-path"));
  const inSubject = await browser.waitUntil(async () => (await focused()) === "attachment.subject", { timeout: 5000 }).catch(() => false);
  check("adding one puts the focus in its subject", inSubject === true, `focus on ${await focused()}`);
  await (await field("attachment.subject")).setValue("làm việc của Sở Thông tin và Truyền thông");
  await waitPreview((t) => t.includes("QUY CHẾ") && t.includes("làm việc của Sở Thông tin và Truyền thông"), "the attached quy chế's title");
  check("the attached quy chế gets its own title in the pages", true);
  await shot("15b-quyet-dinh-kem-quy-che");
}
