// The steps the end-to-end scenarios share: finding things on the screen, typing, waiting for
// the preview or a notice, picking a person, opening a document, and reading what the app
// wrote (PDF signatures, a DOCX's XML, the app's memory). They act on the session the runner
// started (`ctx`, see session.mjs); `check` counts and throws on the first failure of a scenario.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { deflateSync, inflateRawSync } from "node:zlib";

/** The running session: `browser` (WebDriver), `driver` (tauri-driver's process), `out`. */
export const ctx = {};
/** Checks passed and failed, over every scenario. */
export const counts = { passed: 0, failed: 0 };
/** Figures for measurements.json, over every scenario. */
export const measurements = {};

// The certificates' password, typed into the app's prompt as the director and the registry
// clerk would.
export const KEY_PASSWORD = "mật khẩu thử";

export function check(name, ok, detail = "") {
  if (ok) {
    counts.passed++;
    console.log(`ok   ${name}`);
  } else {
    counts.failed++;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ""}`);
    throw new Error(`${name} ${detail}`);
  }
}


export const $ = (sel) => ctx.browser.$(sel);
export const tid = (id) => ctx.browser.$(`[data-testid="${id}"]`);
export const field = (path) => ctx.browser.$(`[data-path="${path}"]`);

export async function shot(name) {
  const file = join(ctx.out, `${name}.png`);
  await repaintSoon(ctx.browser);
  await ctx.browser.saveScreenshot(file);
  console.log(`     screenshot ${file}`);
}

/**
 * WebKitWebDriver takes a screenshot after the page's next drawing. The app draws without
 * WebKit's GPU compositor (src-tauri/src/webkit.rs), and then a page with nothing moving (no
 * caret blinking, no animation) is never drawn again and the request waits forever. So, before
 * each screenshot, an invisible pixel changes over the next frames, which draws the page once
 * more without changing what the screenshot shows.
 */
export async function repaintSoon(browser) {
  await browser.execute(() => {
    const dot = document.createElement("div");
    dot.setAttribute("aria-hidden", "true");
    dot.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;opacity:0.004;background:#000";
    document.body.appendChild(dot);
    let frames = 0;
    const step = () => {
      dot.style.left = `${frames % 2}px`;
      if (++frames < 20) setTimeout(step, 25);
      else dot.remove();
    };
    setTimeout(step, 25);
  });
}

export async function waitText(el, pred, what, timeout = 15000) {
  await ctx.browser.waitUntil(async () => pred(await el.getText()), {
    timeout,
    interval: 50,
    timeoutMsg: `timed out waiting for ${what}`,
  });
}

export async function type(path, text) {
  const el = await field(path);
  await el.waitForDisplayed({ timeout: 10000 });
  await el.scrollIntoView({ block: "center" });
  await el.setValue(text);
}

/** Types `chars` one by one into the focused field; for each, the time until a new preview is on
 * screen (through WebDriver, waited for inside the window), and the UI's own keystroke-to-preview
 * measure. Checks that each time every picture on screen was loaded as the preview said it was
 * updated (`plan` names the document in that check). */
export async function latency(chars, plan) {
  const preview = await tid("preview");
  const shown = async () => Number(await preview.getAttribute("data-shown"));
  const viaDriver = [];
  const inUi = [];
  const render = [];
  let ready = 0;
  for (const ch of chars) {
    const before = await shown();
    const t0 = Date.now();
    await ctx.browser.keys([ch]);
    // Waited for inside the window, in one WebDriver call, rather than by asking every few
    // milliseconds: each question runs on the window's main thread, the one being measured.
    // Also whether, as the preview says it is updated, every page picture on screen is there,
    // decoded (not a new picture still loading behind the old one).
    const changed = await ctx.browser.executeAsync((before, done) => {
      const el = document.querySelector('[data-testid="preview"]');
      const isShown = () => Number(el?.getAttribute("data-shown")) > before;
      const pictures = () =>
        [...document.querySelectorAll('[data-testid="preview-page"] img')].every((img) => img.complete && img.naturalWidth > 0);
      if (!el || isShown()) return done(el ? { ready: pictures() } : null);
      const timer = setTimeout(() => done(null), 10000);
      const observer = new MutationObserver(() => {
        if (!isShown()) return;
        observer.disconnect();
        clearTimeout(timer);
        done({ ready: pictures() });
      });
      observer.observe(el, { attributes: true, attributeFilter: ["data-shown"] });
    }, before);
    if (!changed) throw new Error(`the preview was not shown again after typing ${JSON.stringify(ch)}`);
    if (changed.ready) ready++;
    viaDriver.push(Date.now() - t0);
    inUi.push(Number(await preview.getAttribute("data-latency")));
    render.push(Number(await preview.getAttribute("data-render-ms")));
  }
  check(
    `after each keystroke ${plan}'s changed page is on screen, decoded, as the preview says it is updated`,
    ready === chars.length,
    `${ready}/${chars.length}`,
  );
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    keystrokeToPreviewInUiMs: { median: median(inUi), max: Math.max(...inUi), samples: inUi },
    keystrokeToPreviewViaWebDriverMs: { median: median(viaDriver), max: Math.max(...viaDriver) },
    renderInShellMs: { median: median(render), max: Math.max(...render) },
    picturesReadyWhenShown: `${ready}/${chars.length}`,
  };
}

/** The preview's text (what a screen reader gets), spaces normalised. */
export async function previewText() {
  return ((await (await tid("preview-text")).getProperty("textContent")) ?? "").replace(/\s+/g, " ");
}

export async function waitPreview(pred, what, timeout = 15000) {
  await ctx.browser.waitUntil(async () => pred(await previewText()), { timeout, interval: 100, timeoutMsg: `preview: ${what}` });
}

/** The section toolbar button `what` of the section numbered `label` (its own, not a child's). */
export async function sectionButton(label, what) {
  return $(`[data-testid="section"][data-label="${label}"] > .section-head [data-testid="section-${what}"]`);
}

export async function stateBadge() {
  return (await tid("doc-state")).getText();
}

export async function lastNotice() {
  const all = await ctx.browser.$$('[data-testid="notice"]');
  return all.length ? all[all.length - 1].getText() : "";
}

export async function waitNotice(pred, what) {
  await ctx.browser.waitUntil(async () => pred(await lastNotice()), {
    timeout: 20000,
    interval: 100,
    timeoutMsg: `no notice ${what}; last: ${await lastNotice()}`,
  });
}

/** What poppler's pdfsig says of a PDF's signatures, and how many it finds valid. */
export function signatures(pdf) {
  let report = "";
  try {
    report = execFileSync("pdfsig", ["-nocert", pdf], { encoding: "utf8" });
  } catch (e) {
    report = String(e.stdout ?? e);
  }
  return { report, valid: (report.match(/Signature Validation: Signature is Valid/g) ?? []).length };
}

/** The PINs set at the start with the `vanban` command, by login. */
export const PINS = {};

/** Picks `login` at the start screen, typing their PIN when they have one. */
export async function pickPerson(login) {
  const person = await tid(`person-${login}`);
  await person.waitForDisplayed({ timeout: 10000 });
  await person.click();
  if (PINS[login]) {
    const pin = await tid("pin");
    await pin.waitForDisplayed({ timeout: 10000 });
    await pin.setValue(PINS[login]);
    await ctx.browser.keys(["Enter"]);
    await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
    check(`${login} enters with the right PIN`, true);
  }
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
}

export async function switchTo(login) {
  await (await tid("back")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
  await (await $("button=Đổi người dùng")).click();
  await pickPerson(login);
}

export async function openFromTab(state) {
  await (await $(`[role="tab"][data-state="${state}"]`)).click();
  const open = await $('button[data-testid^="open-"]');
  await open.waitForDisplayed({ timeout: 10000 });
  await open.click();
  await (await $('[data-screen="editor"] form[data-whole]')).waitForDisplayed({ timeout: 10000 });
  await ctx.browser.waitUntil(async () => (await ctx.browser.$$('[data-testid="preview-page"]')).length > 0, {
    timeout: 20000,
    timeoutMsg: "no preview pages",
  });
}

/** Every process below `root`: [pid, name]. */
export function descendants(root) {
  const parent = new Map();
  const name = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      name.set(Number(d), stat.slice(stat.indexOf("(") + 1, close));
      parent.set(Number(d), Number(stat.slice(close + 2).split(" ")[1]));
    } catch {
      // gone
    }
  }
  const under = (pid) => {
    for (let p = pid, n = 0; p > 1 && n < 20; p = parent.get(p) ?? 0, n++) if (p === root) return true;
    return false;
  };
  return [...name.keys()].filter((pid) => pid !== root && under(pid)).map((pid) => ({ pid, name: name.get(pid) }));
}

/** How long ago the process `pid` started, in ms (10 ms steps: the kernel counts in clock
 * ticks, 100 a second on Linux). */
export function processAgeMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const startTicks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  const uptimeS = Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
  return Math.round(uptimeS * 1000 - startTicks * 10);
}

/** The marks the app leaves when a screen is drawn (ui/src/lib/shown.ts). */
export const SHOWN = { people: "vanban:people", list: "vanban:list" };

/** When the window drew what the app marked `name` last (epoch ms), waiting for the mark. */
export async function shownAt(name) {
  return ctx.browser.waitUntil(
    () =>
      ctx.browser.execute((n) => {
        const marks = performance.getEntriesByName(n, "mark");
        return marks.length ? performance.timeOrigin + marks[marks.length - 1].startTime : false;
      }, name),
    { timeout: 5000, interval: 10, timeoutMsg: `the window did not mark ${name}` },
  );
}

/** The processes of the app (the binary and its WebKit helpers), found below tauri-driver. */
export function appProcesses(root) {
  return descendants(root).filter(
    ({ name }) => /vanban|WebKitWeb|WebKitNetwork/.test(name ?? "") && !/WebKitWebDriver/.test(name ?? ""),
  );
}



export function memoryOf(procs) {
  let rss = 0;
  let pss = 0;
  const each = [];
  for (const { pid, name } of procs) {
    try {
      const text = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
      rss += kb("Rss");
      pss += kb("Pss");
      each.push({ name, rssMiB: Math.round(kb("Rss") / 1024), pssMiB: Math.round(kb("Pss") / 1024) });
    } catch {
      // gone
    }
  }
  return { rssMiB: Math.round(rss / 1024), pssMiB: Math.round(pss / 1024), processes: each };
}

/** The text of a file inside a zip (a DOCX), with Node's zlib only. */
export function zipEntry(file, wanted) {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  const count = buf.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    if (name === wanted) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    }
    p += 46 + nameLen + extra + comment;
  }
  return null;
}

/** Picks `login`, from the start screen or, when someone is already in, through "Đổi người dùng"
 * from the list (leaving an open document first). Registry and directory screens are left by
 * their own buttons before this. */
export async function enterAs(login) {
  // Right after the start the window may still be loading: wait for a screen.
  await ctx.browser.waitUntil(async () => (await ctx.browser.$$("[data-screen]")).length > 0, {
    timeout: 30000,
    interval: 100,
    timeoutMsg: "the app shows no screen",
  });
  if (await (await $('[data-screen="person"]')).isExisting()) {
    await pickPerson(login);
    return;
  }
  if (await (await tid("back")).isExisting()) await (await tid("back")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
  await (await $("button=Đổi người dùng")).click();
  await pickPerson(login);
}

/** How many fields of the form have a path matching `re`. */
export async function countFields(re) {
  return ctx.browser.execute((source) => {
    const r = new RegExp(source);
    return [...document.querySelectorAll("[data-path]")].filter((e) => r.test(e.getAttribute("data-path") ?? "")).length;
  }, re.source);
}

/** A PNG of w×h pixels: `ink(x, y)` gives [r, g, b, a]. */
export function png(w, h, ink) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) raw.set(ink(x, y), y * (w * 4 + 1) + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
