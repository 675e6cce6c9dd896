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

/** The administrator sets the body's style profile on the settings screen: a body size the
 * decree does not allow is refused at its field, 13 pt and a 35 mm left margin are saved, and a
 * document the drafter then exports has them; the reset brings the decree's default back. */
export default async function (s) {
  const { browser, driver, out, work, db, exportDir, dataHome, choose, softhsm, cli } = s;
  const draft = new URL("../../../tests/fixtures/drafts/ke-hoach-stttt-2025.json", import.meta.url);
  const id = execFileSync(cli, ["import", draft.pathname, "--db", db, "--as", "chuyenvien"], { encoding: "utf8" }).trim();
  await enterAs("admin");
  await (await tid("to-directory")).click();
  const body = await tid("style-sizes.body");
  await body.waitForDisplayed({ timeout: 10000 });
  check("the settings show the body size of the decree's default", (await body.getValue()) === "14" && (await (await tid("style-origin")).getText()).includes("mặc định"));
  await body.scrollIntoView({ block: "center" });
  await body.setValue("16");
  await (await tid("style-page.margin_left_mm")).setValue("35");
  await (await tid("style-save")).click();
  const refused = await tid("style-error-sizes.body");
  await refused.waitForDisplayed({ timeout: 10000 });
  const message = await refused.getText();
  check("16 pt for the body is refused at its field, in Vietnamese", message.includes("Cỡ chữ phần nội dung") && message.includes("13–14 pt"), message);
  check("the refused form keeps what was typed and focuses the field", (await body.getValue()) === "16" && (await (await tid("style-page.margin_left_mm")).getValue()) === "35" && (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "style-sizes.body");
  await shot("9e-the-thuc-tu-choi");
  await body.setValue("13");
  await (await tid("style-save")).click();
  await waitNotice((t) => t.includes("Đã lưu thể thức trình bày"), "for the style profile");
  check("the profile is saved and the refusal is gone", (await (await tid("style-origin")).getText()).includes("thể thức riêng") && (await browser.$$('[data-testid^="style-error-"]')).length === 0);
  await (await tid("style-section")).scrollIntoView({ block: "start" });
  await shot("9f-the-thuc-trinh-bay");

  // The drafter sees the values read only, and the draft's export has them.
  await (await $("button=← Danh sách")).click();
  await (await $("button=Đổi người dùng")).click();
  await pickPerson("chuyenvien");
  await (await tid("to-directory")).click();
  const seen = await tid("style-sizes.body");
  await seen.waitForDisplayed({ timeout: 10000 });
  check("everyone else reads the profile without changing it", (await seen.getValue()) === "13" && (await seen.getAttribute("readonly")) !== null && (await browser.$$('[data-testid="style-save"]')).length === 0);
  await (await $("button=← Danh sách")).click();
  await (await $('[role="tab"][data-state="draft"]')).click();
  await (await tid(`open-${id}`)).waitForDisplayed({ timeout: 10000 });
  await (await tid(`open-${id}`)).click();
  await (await $('[data-screen="editor"] form[data-whole]')).waitForDisplayed({ timeout: 10000 });
  await (await tid("export-docx")).click();
  await waitNotice((t) => t.includes("Đã xuất") && t.includes(".docx"), "for the draft's DOCX");
  const docx = join(exportDir, `du-thao-${id}.docx`);
  const styles = zipEntry(docx, "word/styles.xml") ?? "";
  const bodyStyle = /w:styleId="VBNoiDung"[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? "";
  const documentXml = zipEntry(docx, "word/document.xml") ?? "";
  check("the exported DOCX has 13 pt body text", bodyStyle.includes('w:sz w:val="26"'), bodyStyle.slice(0, 300));
  check("the exported DOCX has a 35 mm left margin", /<w:pgMar [^>]*w:left="1984"/.test(documentXml));
  await (await tid("back")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });

  // Back to the decree's default; the draft is discarded.
  await (await $("button=Đổi người dùng")).click();
  await pickPerson("admin");
  await (await tid("to-directory")).click();
  await (await tid("style-reset")).waitForDisplayed({ timeout: 10000 });
  await (await tid("style-reset")).click();
  await waitNotice((t) => t.includes("Đã khôi phục thể thức mặc định"), "for the reset");
  check("the default is back", (await (await tid("style-sizes.body")).getValue()) === "14");
  await (await $("button=← Danh sách")).click();
  execFileSync(cli, ["discard", id, "--db", db, "--as", "chuyenvien"]);
  await (await $("button=Đổi người dùng")).click();
  await pickPerson("chuyenvien");
}
