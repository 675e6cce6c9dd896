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

// The 19-page Long An plan (with its three appendices), imported with the `vanban` command
// while the app runs: the keystroke-to-preview figures and the memory are measured on it.
export default async function (s) {
  const { browser, driver, out, work, db, exportDir, dataHome, choose, softhsm, cli } = s;
  // 8. The Long An plan (with its three appendices), imported with the `vanban` command while
  // the app runs: the figures of the issue are measured on it.
  await enterAs("chuyenvien");
  {
    const longAn = new URL("../../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json", import.meta.url);
    execFileSync(cli, ["import", longAn.pathname, "--db", db, "--as", "chuyenvien"]);
    await openFromTab("draft");
    const pages = (await browser.$$('[data-testid="preview-page"]')).length;
    check("the Long An plan previews all its pages", pages >= 10, `${pages} pages`);
    await (await field("subject")).click();
    await browser.keys(["End"]);
    measurements.longAnPlan = { pages, ...(await latency("abcdefghij")) };
    for (let i = 0; i < 10; i++) await browser.keys(["Backspace"]);
    // The last keystroke's preview reaches the screen: the typed letters are gone from it.
    const longAnText = await tid("preview-text");
    await browser.waitUntil(
      async () => !(await longAnText.getProperty("textContent")).includes("2025a"),
      { timeout: 10000, timeoutMsg: "the preview still shows the deleted letters" },
    );
    check("the preview follows the last keystroke", true);
    await shot("7-ke-hoach-long-an");
    await new Promise((r) => setTimeout(r, 3000));
    measurements.longAnPlan.idleMemory = memoryOf(appProcesses(driver.pid));
  }
}
