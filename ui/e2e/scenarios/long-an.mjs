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
  pickPerson,
  repaintSoon,
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
    // The first preview after the app started: from the click that opens the plan to its first
    // page's picture on screen (the typesetter was warmed while the list loaded).
    await (await $('[role="tab"][data-state="draft"]')).click();
    const open = await $('button[data-testid^="open-"]');
    await open.waitForDisplayed({ timeout: 10000 });
    // In the window too: from the click event to the first frame with the page's picture
    // loaded, without WebDriver's round trips (as the keystroke figures are taken).
    await browser.execute(() => {
      const t = (window.__firstPreview = {});
      document.addEventListener("click", (e) => (t.click = e.timeStamp), { capture: true, once: true });
      const watch = () => {
        const img = document.querySelector('[data-testid="preview-page"] img');
        if (img && img.complete && img.naturalWidth > 0) t.shown = performance.now();
        else requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    const clicked = Date.now();
    await open.click();
    await browser.waitUntil(
      () =>
        browser.execute(() => {
          const img = document.querySelector('[data-testid="preview-page"] img');
          return !!img && img.complete && img.naturalWidth > 0;
        }),
      { timeout: 20000, interval: 10, timeoutMsg: "the first page's picture is not shown" },
    );
    const firstPreviewMs = Date.now() - clicked;
    const firstPreviewInUiMs = await browser.waitUntil(
      () => browser.execute(() => (window.__firstPreview.shown ? Math.round(window.__firstPreview.shown - window.__firstPreview.click) : false)),
      { timeout: 5000, interval: 10, timeoutMsg: "the window did not record the first preview" },
    );
    // The first pages come typeset from the plan's beginning; all its pages follow.
    await browser.waitUntil(
      async () => (await browser.$$('[data-testid="preview-page"]')).length >= 10,
      { timeout: 20000, interval: 10, timeoutMsg: "the preview never shows all the pages" },
    );
    const wholePreviewMs = Date.now() - clicked;
    const pages = (await browser.$$('[data-testid="preview-page"]')).length;
    check("the Long An plan previews all its pages", pages >= 10, `${pages} pages`);
    await (await field("subject")).click();
    await browser.keys(["End"]);
    measurements.longAnPlan = { pages, firstPreviewMs, firstPreviewInUiMs, wholePreviewMs, ...(await latency("abcdefghij", "the Long An plan")) };
    for (let i = 0; i < 10; i++) await browser.keys(["Backspace"]);
    // The last keystroke's preview reaches the screen: the typed letters are gone from it.
    const longAnText = await tid("preview-text");
    await browser.waitUntil(
      async () => !(await longAnText.getProperty("textContent")).includes("2025a"),
      { timeout: 10000, timeoutMsg: "the preview still shows the deleted letters" },
    );
    check("the preview follows the last keystroke", true);
    // Right away, the changed first page shows its new picture, never a blank page: the
    // screen's pixels inside the page are many colours (text), not the paper's one.
    const rect = await browser.execute(() => {
      const r = document.querySelector('[data-testid="preview-page"] img')?.getBoundingClientRect();
      return r ? { x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(Math.min(r.height, window.innerHeight - r.y)) } : null;
    });
    const screen = join(out, "7a-trang-1-ngay-sau-phim.png");
    await repaintSoon(browser);
    writeFileSync(screen, Buffer.from(await browser.takeScreenshot(), "base64"));
    const colours = rect
      ? Number(execFileSync("convert", [screen, "-crop", `${rect.w}x${rect.h}+${rect.x}+${rect.y}`, "-format", "%k", "info:"]).toString())
      : 0;
    check("right after the keystroke the changed page shows its text, not a blank page", colours >= 16, `${colours} colours`);
    await shot("7-ke-hoach-long-an");
    await new Promise((r) => setTimeout(r, 3000));
    measurements.longAnPlan.idleMemory = memoryOf(appProcesses(driver.pid));
    await memoryOverEdits(browser, driver, longAnText);
  }
}

/**
 * Memory stays flat over a long editing session: 1,000 edits (keystrokes in the subject, each
 * typed letter deleted again), the memory after the first 10 and after all 1,000, each taken
 * once the last preview is on screen and the app has been idle for 3 s.
 */
async function memoryOverEdits(browser, driver, previewText) {
  const preview = await tid("preview");
  const shownBefore = Number(await preview.getAttribute("data-shown"));
  const settle = async () => {
    await browser.waitUntil(async () => !(await previewText.getProperty("textContent")).includes("2025x"), {
      timeout: 20000,
      timeoutMsg: "the preview did not catch up with the edits",
    });
    await new Promise((r) => setTimeout(r, 3000));
    return memoryOf(appProcesses(driver.pid));
  };
  // Each round: "x" typed then deleted, two edits.
  const rounds = async (n) => {
    for (let done = 0; done < n; done += 10) {
      const keys = [];
      for (let i = 0; i < Math.min(10, n - done); i++) keys.push("x", "Backspace");
      await browser.keys(keys);
    }
  };
  await rounds(5);
  const after10 = await settle();
  await rounds(495);
  const after1000 = await settle();
  const previews = Number(await preview.getAttribute("data-shown")) - shownBefore;
  measurements.longAnPlan.memoryOverEdits = {
    after10EditsPssMiB: after10.pssMiB,
    after1000EditsPssMiB: after1000.pssMiB,
    growthPercent: Math.round((100 * (after1000.pssMiB - after10.pssMiB)) / after10.pssMiB),
    previewsShown: previews,
    after10Edits: after10,
    after1000Edits: after1000,
  };
  console.log(`     memory over 1,000 edits: ${after10.pssMiB} → ${after1000.pssMiB} MiB PSS (${previews} previews)`);
}
