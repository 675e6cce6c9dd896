// End-to-end test of the real desktop app: the debug binary (UI embedded) in a real window,
// driven through WebDriver (tauri-driver + WebKitWebDriver) as a person would use it, from the
// draft to the issued, exported document. Run under Xvfb by `./x test`:
//
//   VANBAN_APP=/path/to/vanban-desktop node e2e/flow.mjs
//
// Environment: VANBAN_APP (the binary, required), VANBAN_E2E_OUT (screenshots and
// measurements; default a temporary folder), TAURI_DRIVER (default `tauri-driver` on PATH).
// The app gets a fresh database (VANBAN_DB) and, because WebDriver cannot reach the system's
// save dialog, VANBAN_TEST_EXPORT_DIR: exports go to that folder under their suggested names.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync, inflateRawSync } from "node:zlib";
import { remote } from "webdriverio";

const app = process.env.VANBAN_APP;
if (!app || !existsSync(app)) {
  console.error(`e2e: VANBAN_APP must name the built app binary (got ${app ?? "nothing"})`);
  process.exit(2);
}
const out = process.env.VANBAN_E2E_OUT || mkdtempSync(join(tmpdir(), "vanban-e2e-out-"));
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "vanban-e2e-"));
const exportDir = join(work, "exports");
mkdirSync(exportDir);

const db = join(work, "vanban.db");
// What the open dialog gives (WebDriver cannot reach it): the test writes the path before
// each choice.
const chosenFile = join(work, "chosen-file");
const choose = (path) => writeFileSync(chosenFile, path);
const dataHome = join(work, "data");
/** A port nobody listens on now, so that runs side by side do not meet. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
const PORT = await freePort();
const NATIVE_PORT = await freePort();
// Which build is measured: the figures of the note come from the release build (`./x test`).
const measurements = { build: process.env.VANBAN_BUILD || (/[\\/]release[\\/]/.test(app) ? "release" : "debug") };
let passed = 0;
let failed = 0;
let browser = null;
let driver = null;

function check(name, ok, detail = "") {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ""}`);
    throw new Error(`${name} ${detail}`);
  }
}

async function waitForPort(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const s = createConnection({ port, host: "127.0.0.1" }, () => {
        s.end();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

const $ = (sel) => browser.$(sel);
const tid = (id) => browser.$(`[data-testid="${id}"]`);
const field = (path) => browser.$(`[data-path="${path}"]`);

async function shot(name) {
  const file = join(out, `${name}.png`);
  await browser.saveScreenshot(file);
  console.log(`     screenshot ${file}`);
}

async function waitText(el, pred, what, timeout = 15000) {
  await browser.waitUntil(async () => pred(await el.getText()), {
    timeout,
    interval: 50,
    timeoutMsg: `timed out waiting for ${what}`,
  });
}

async function type(path, text) {
  const el = await field(path);
  await el.waitForDisplayed({ timeout: 10000 });
  await el.scrollIntoView({ block: "center" });
  await el.setValue(text);
}

/** Types `chars` one by one into the focused field; for each, the time until a new preview is on
 * screen (through WebDriver, polling), and the UI's own keystroke-to-preview measure. */
async function latency(chars) {
  const preview = await tid("preview");
  const shown = async () => Number(await preview.getAttribute("data-shown"));
  const viaDriver = [];
  const inUi = [];
  const render = [];
  for (const ch of chars) {
    const before = await shown();
    const t0 = Date.now();
    await browser.keys([ch]);
    await browser.waitUntil(async () => (await shown()) > before, { timeout: 10000, interval: 5 });
    viaDriver.push(Date.now() - t0);
    inUi.push(Number(await preview.getAttribute("data-latency")));
    render.push(Number(await preview.getAttribute("data-render-ms")));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    keystrokeToPreviewInUiMs: { median: median(inUi), max: Math.max(...inUi), samples: inUi },
    keystrokeToPreviewViaWebDriverMs: { median: median(viaDriver), max: Math.max(...viaDriver) },
    renderInShellMs: { median: median(render), max: Math.max(...render) },
  };
}

/** The preview's text (what a screen reader gets), spaces normalised. */
async function previewText() {
  return ((await (await tid("preview-text")).getProperty("textContent")) ?? "").replace(/\s+/g, " ");
}

async function waitPreview(pred, what, timeout = 15000) {
  await browser.waitUntil(async () => pred(await previewText()), { timeout, interval: 100, timeoutMsg: `preview: ${what}` });
}

/** The section toolbar button `what` of the section numbered `label` (its own, not a child's). */
async function sectionButton(label, what) {
  return $(`[data-testid="section"][data-label="${label}"] > .section-head [data-testid="section-${what}"]`);
}

async function stateBadge() {
  return (await tid("doc-state")).getText();
}

async function lastNotice() {
  const all = await browser.$$('[data-testid="notice"]');
  return all.length ? all[all.length - 1].getText() : "";
}

async function waitNotice(pred, what) {
  await browser.waitUntil(async () => pred(await lastNotice()), {
    timeout: 20000,
    interval: 100,
    timeoutMsg: `no notice ${what}; last: ${await lastNotice()}`,
  });
}

/** What poppler's pdfsig says of a PDF's signatures, and how many it finds valid. */
function signatures(pdf) {
  let report = "";
  try {
    report = execFileSync("pdfsig", ["-nocert", pdf], { encoding: "utf8" });
  } catch (e) {
    report = String(e.stdout ?? e);
  }
  return { report, valid: (report.match(/Signature Validation: Signature is Valid/g) ?? []).length };
}

/** The PINs set at the start with the `vanban` command, by login. */
const PINS = {};

/** Picks `login` at the start screen, typing their PIN when they have one. */
async function pickPerson(login) {
  const person = await tid(`person-${login}`);
  await person.waitForDisplayed({ timeout: 10000 });
  await person.click();
  if (PINS[login]) {
    const pin = await tid("pin");
    await pin.waitForDisplayed({ timeout: 10000 });
    await pin.setValue(PINS[login]);
    await browser.keys(["Enter"]);
    await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
    check(`${login} enters with the right PIN`, true);
  }
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
}

async function switchTo(login) {
  await (await tid("back")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
  await (await $("button=Đổi người dùng")).click();
  await pickPerson(login);
}

async function openFromTab(state) {
  await (await $(`[role="tab"][data-state="${state}"]`)).click();
  const open = await $('button[data-testid^="open-"]');
  await open.waitForDisplayed({ timeout: 10000 });
  await open.click();
  await (await $('[data-screen="editor"]')).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="preview-page"]')).length > 0, {
    timeout: 20000,
    timeoutMsg: "no preview pages",
  });
}

/** Every process below `root`: [pid, name]. */
function descendants(root) {
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

/** The processes of the app (the binary and its WebKit helpers), found below tauri-driver. */
function appProcesses(root) {
  return descendants(root).filter(
    ({ name }) => /vanban|WebKitWeb|WebKitNetwork/.test(name ?? "") && !/WebKitWebDriver/.test(name ?? ""),
  );
}

/** Stops tauri-driver and everything it started (WebKitWebDriver, the app), by process id. */
function stopDriver() {
  if (!driver) return;
  for (const { pid } of descendants(driver.pid).reverse()) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  driver.kill();
  driver = null;
}

// A hung WebDriver call must not hang the test run: fail after 12 minutes, cleaning up (the
// 1,000 edits of the memory figure take a minute or two of it).
const watchdog = setTimeout(() => {
  console.log("FAIL the end-to-end test took longer than 12 minutes");
  stopDriver();
  process.exit(1);
}, 720000);

function memoryOf(procs) {
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
function zipEntry(file, wanted) {
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

const SUBJECT = "Tuyên truyền chuyển đổi số năm 2026";
const cli = process.env.VANBAN_CLI;
if (!cli || !existsSync(cli)) {
  console.error(`e2e: VANBAN_CLI must name the built vanban command (got ${cli ?? "nothing"})`);
  process.exit(2);
}

// The certificates' password, typed into the app's prompt as the director and the registry
// clerk would.
const KEY_PASSWORD = "mật khẩu thử";

/** A PNG of w×h pixels: `ink(x, y)` gives [r, g, b, a]. */
function png(w, h, ink) {
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

/**
 * The database as a body has it before anyone opens the app: the demo directory, then a
 * directory file giving the director a certificate (RSA) and a blue signature image, and the
 * body a certificate (ECDSA P-256) — made here by openssl, as a CA would issue them, in
 * password-protected PKCS#12 files. The body's red seal (keys/con-dau.png) is set later by the
 * administrator in the app.
 */
function prepareDatabase() {
  const keys = join(work, "keys");
  mkdirSync(keys);
  const ssl = (...args) => execFileSync("openssl", args, { cwd: keys, stdio: ["ignore", "ignore", "pipe"] });
  ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-utf8", "-subj", "/CN=CA thử nghiệm");
  const issue = (name, cn, keyArgs) => {
    ssl("req", "-newkey", ...keyArgs, "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-utf8", "-subj", `/CN=${cn}`);
    ssl("x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", `${name}.pem`, "-days", "30");
    ssl("pkcs12", "-export", "-inkey", `${name}.key`, "-in", `${name}.pem`, "-certfile", "ca.pem", "-out", `${name}.p12`, "-passout", `pass:${KEY_PASSWORD}`);
  };
  issue("giamdoc", "Lê Văn Cường", ["rsa:2048"]);
  issue("stttt", "Sở Thông tin và Truyền thông tỉnh Lạng Sơn", ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"]);
  // A blue stroke on transparent ground; a red ring with a star.
  writeFileSync(join(keys, "chu-ky.png"), png(300, 120, (x, y) => (Math.abs(y - 60 - 35 * Math.sin(x / 30)) < 4 ? [20, 40, 180, 255] : [0, 0, 0, 0])));
  writeFileSync(join(keys, "con-dau.png"), png(200, 200, (x, y) => {
    const r = Math.hypot(x - 100, y - 100);
    return (r > 88 && r < 98) || (r > 70 && r < 74) || r < 12 ? [210, 20, 20, 230] : [0, 0, 0, 0];
  }));
  writeFileSync(join(work, "danh-ba.toml"), `
[[bodies]]
abbreviation = "STTTT"
name = "Sở Thông tin và Truyền thông"
parent_name = "UBND tỉnh Lạng Sơn"
place = "Lạng Sơn"
certificate = "keys/stttt.p12"

[[people]]
login = "giamdoc"
name = "Lê Văn Cường"
titles = ["GIÁM ĐỐC"]
roles = ["signer"]
body = "STTTT"
certificate = "keys/giamdoc.p12"
signature_image = "keys/chu-ky.png"
`);
  execFileSync(cli, ["init", "--demo", "--db", db], { stdio: ["ignore", "ignore", "inherit"] });
  execFileSync(cli, ["directory", "import", join(work, "danh-ba.toml"), "--db", db, "--as", "admin"], { stdio: ["ignore", "ignore", "inherit"] });
}

async function main() {
  prepareDatabase();
  // The head of unit protects their profile with a PIN, set by the administrator with the
  // `vanban` command on the database the app then opens.
  const pinFile = join(work, "pin");
  writeFileSync(pinFile, "2468\n", { mode: 0o600 });
  execFileSync(cli, ["directory", "pin", "truongphong", "--pin-file", pinFile, "--db", db, "--as", "admin"]);
  PINS.truongphong = "2468";
  // The app's own data folder (its settings file) in the test's folder; no server password
  // in its environment: the person types it.
  const appEnv = { ...process.env, VANBAN_DB: db, VANBAN_TEST_EXPORT_DIR: exportDir, VANBAN_TEST_OPEN_FILE: chosenFile, XDG_DATA_HOME: dataHome };
  delete appEnv.PGPASSWORD;
  delete appEnv.VANBAN_DB_PASSWORD_FILE;
  // SoftHSM2 reads its configuration once, when the app first loads the module: the app is
  // given the test's own, whose token the token scenario makes later; and, because WebDriver
  // cannot reach the open dialog, the module that "Chọn thư viện…" takes.
  if (softhsm) {
    appEnv.SOFTHSM2_CONF = softhsm.conf;
    appEnv.VANBAN_TEST_PKCS11_MODULE = softhsm.module;
  }
  driver = spawn(process.env.TAURI_DRIVER || "tauri-driver", ["--port", String(PORT), "--native-port", String(NATIVE_PORT)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: appEnv,
  });
  await waitForPort(PORT, 15000);

  // 1. Start: pick who you are.
  const started = Date.now();
  browser = await remote({
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "error",
    connectionRetryTimeout: 60000,
    capabilities: {
      "tauri:options": { application: app },
      "wdio:enforceWebDriverClassic": true,
    },
  });
  const chuyenvien = await tid("person-chuyenvien");
  await chuyenvien.waitForClickable({ timeout: 30000 });
  measurements.coldStartToPeopleMs = Date.now() - started;
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
  const pickedAt = Date.now();
  await browser.keys(["Enter"]);
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
  await (await tid("create-new")).waitForClickable({ timeout: 10000 });
  measurements.pickToListMs = Date.now() - pickedAt;
  measurements.coldStartToListMs = measurements.coldStartToPeopleMs + measurements.pickToListMs;
  check("list screen for the drafter", (await (await tid("current-person")).getText()).includes("Nguyễn Văn An"));
  await shot("2-danh-sach");

  // 2. Create a blank plan from the chooser.
  await (await tid("create-new")).click();
  await (await tid("template-chooser")).waitForDisplayed({ timeout: 10000 });
  await (await tid("start-blank:ke-hoach")).waitForExist({ timeout: 10000 });
  await shot("2b-chon-mau");
  await (await tid("start-blank:ke-hoach")).click();
  await (await tid("chooser-create")).click();
  await (await $('[data-screen="editor"]')).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="preview-page"]')).length > 0, {
    timeout: 20000,
    timeoutMsg: "no preview pages",
  });
  check("header filled from the directory", (await (await field("header.issuing_body.name")).getValue()) === "Sở Thông tin và Truyền thông");
  const diags = await browser.$$('[data-testid="diagnostic"]');
  check("the check panel lists what is missing", diags.length >= 4, `${diags.length} diagnostics`);
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
  Object.assign(measurements, { shortPlan: await latency("abcdefghij") });
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
  await sealScenario();

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
  await (await $('[data-screen="editor"]')).waitForDisplayed({ timeout: 10000 });
  await waitText(await tid("doc-state"), (t) => t === "Dự thảo", "the copy is a draft");
  check("the copy is a new draft with the same subject and no number", (await (await field("subject")).getValue()) === SUBJECT);
  await (await tid("action-discard")).click();
  await (await tid("confirm-discard")).click();
  await waitText(await tid("doc-state"), (t) => t === "Đã hủy", "discarded");
  check("the copy is discarded", true);
  await (await tid("back")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });

  // 7b. The administrator edits the directory: a unit and a recipient group, then the drafter
  // finds both in the editor's pickers.
  await (await $("button=Đổi người dùng")).click();
  await pickPerson("admin");
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
  await (await $('[data-screen="editor"]')).waitForDisplayed({ timeout: 10000 });
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

  await tokenScenario();
  await styleScenario();

  // 8. The Long An plan (with its three appendices), imported with the `vanban` command while
  // the app runs: the figures of the issue are measured on it.
  if (cli && existsSync(cli)) {
    const longAn = new URL("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json", import.meta.url);
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
    await memoryOverEdits(longAnText);
  }
}

/**
 * Memory stays flat over a long editing session: 1,000 edits (keystrokes in the subject, each
 * typed letter deleted again), the memory after the first 10 and after all 1,000, each taken
 * once the last preview is on screen and the app has been idle for 3 s.
 */
async function memoryOverEdits(previewText) {
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

/**
 * The administrator sets the body's seal in "Chữ ký số và con dấu": a file that is no PNG is
 * refused at the image, a seal without its diameter at the diameter; the saved seal is shown
 * from the database. The director's certificate, from the directory file, is described.
 */
async function sealScenario() {
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

/** SoftHSM2 (the USB token the tests use) and OpenSC's pkcs11-tool, with a configuration in
 * the test's folder; null when they are not installed. */
const softhsm = (() => {
  const module = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"].find((m) => existsSync(m));
  const present = (tool) => {
    try {
      execFileSync(tool, ["--help"], { stdio: "ignore" });
      return true;
    } catch (e) {
      return e.code !== "ENOENT" && typeof e.status === "number";
    }
  };
  if (!module || !present("softhsm2-util") || !present("pkcs11-tool")) return null;
  const dir = join(work, "token");
  mkdirSync(join(dir, "tokens"), { recursive: true });
  const conf = join(dir, "softhsm2.conf");
  writeFileSync(conf, `directories.tokendir = ${join(dir, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  return { module, conf, dir };
})();

const TOKEN_LABEL = "giamdoc-vnpt-ca";
const TOKEN_PIN = "246810";

/** 7c. The director signs with a USB token (a SoftHSM2 token holding his key, as his CA's
 * enrolment left it): the directory names the token's certificate (.pem); a document is
 * brought to APPROVED with the `vanban` command; in the window he chooses the vendor's
 * PKCS#11 library once, picks the token, types a wrong PIN (refused, the prompt stays), then
 * the right one; the exported signed PDF is valid for pdfsig and names him. */
async function tokenScenario() {
  if (!softhsm) {
    check("SoftHSM2 and pkcs11-tool for the USB token scenario", process.env.CI !== "true", "CI=true needs them (./x installs softhsm2 and opensc)");
    console.log("note: USB token scenario skipped: SoftHSM2 or pkcs11-tool is not installed (apt-get install softhsm2 opensc)");
    return;
  }
  const keys = join(work, "keys");
  const tool = (program, args) => execFileSync(program, args, { cwd: keys, env: { ...process.env, SOFTHSM2_CONF: softhsm.conf }, stdio: ["ignore", "ignore", "pipe"] });
  tool("softhsm2-util", ["--init-token", "--free", "--label", TOKEN_LABEL, "--pin", TOKEN_PIN, "--so-pin", "13579246"]);
  tool("openssl", ["pkey", "-in", "giamdoc.key", "-outform", "DER", "-out", "giamdoc.key.der"]);
  tool("openssl", ["x509", "-in", "giamdoc.pem", "-outform", "DER", "-out", "giamdoc.der"]);
  for (const [file, type] of [["giamdoc.key.der", "privkey"], ["giamdoc.der", "cert"]]) {
    tool("pkcs11-tool", ["--module", softhsm.module, "--token-label", TOKEN_LABEL, "--login", "--pin", TOKEN_PIN, "--write-object", file, "--type", type, "--id", "01", "--label", "Lê Văn Cường"]);
  }
  // The key is on the token only now; the directory keeps the certificate to compare with.
  execFileSync("rm", ["-f", join(keys, "giamdoc.key.der")]);
  const directory = readFileSync(join(work, "danh-ba.toml"), "utf8").replace('certificate = "keys/giamdoc.p12"', 'certificate = "keys/giamdoc.pem"');
  writeFileSync(join(work, "danh-ba-token.toml"), directory);
  const run = (...args) => execFileSync(cli, [...args, "--db", db], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  run("directory", "import", join(work, "danh-ba-token.toml"), "--as", "admin");
  const draft = new URL("../../tests/fixtures/drafts/ke-hoach-stttt-2025.json", import.meta.url);
  const id = run("import", draft.pathname, "--as", "chuyenvien");
  run("submit", id, "--as", "chuyenvien");
  // The head of unit set a PIN: the command asks for it too.
  run("approve", id, "--as", "truongphong", "--user-pin-file", join(work, "pin"));
  check("a document approved with the `vanban` command for the token signature", /^\d+$/.test(id), id);

  if (await (await tid("back")).isExisting()) await (await tid("back")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
  await (await $("button=Đổi người dùng")).click();
  await pickPerson("giamdoc");
  await openFromTab("approved");
  await (await tid("action-sign")).click();
  const prompt = await tid("key-prompt");
  await prompt.waitForDisplayed({ timeout: 5000 });
  check(
    "the directory names the token's certificate: the prompt offers the USB token, the .p12 way is off",
    (await (await tid("key-source-token")).isSelected()) && !(await (await tid("key-source-file")).isEnabled()),
  );
  // No module chosen yet: the button to choose it has the focus; Enter chooses.
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "token-choose-module", { timeout: 5000, timeoutMsg: "“Chọn thư viện…” is not focused" });
  check("without a library the prompt says so and focuses “Chọn thư viện…”", (await prompt.getText()).includes("chưa chọn"));
  await browser.keys(["Enter"]);
  const select = await tid("token-select");
  await select.waitForDisplayed({ timeout: 10000 });
  const offered = await select.getText();
  check("the token inserted is listed with its maker and serial number", offered.includes(TOKEN_LABEL) && offered.includes("SoftHSM") && offered.includes("số sê-ri"), offered);
  check("the library chosen is shown", (await (await tid("token-module")).getText()) === softhsm.module);
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "token-pin", { timeout: 5000, timeoutMsg: "the PIN field is not focused" });
  check("then the PIN field has the focus", true);
  const settings = readFileSync(join(dataHome, "vanban", "settings.toml"), "utf8");
  check("the library is kept in the settings file", settings.includes("[token]") && settings.includes(softhsm.module), settings);
  await shot("6d-ky-bang-usb-token");

  // A wrong PIN: refused in the prompt, which stays with the token chosen; the PIN is cleared.
  await (await tid("token-pin")).setValue("000000");
  await browser.keys(["Enter"]);
  const error = await tid("key-error");
  await error.waitForDisplayed({ timeout: 15000 });
  const said = await error.getText();
  check("a wrong PIN is refused, saying so", said.startsWith("Sai mã PIN") && said.includes(TOKEN_LABEL), said);
  check(
    "the prompt stays, the PIN emptied and focused, the token still chosen, the document still approved",
    (await prompt.isDisplayed()) &&
      (await (await tid("token-pin")).getValue()) === "" &&
      (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "token-pin" &&
      (await select.getValue()) === TOKEN_LABEL &&
      (await stateBadge()) === "Đã duyệt",
  );
  await shot("6e-usb-token-sai-ma-pin");

  await (await tid("token-pin")).setValue(TOKEN_PIN);
  const enterAt = Date.now();
  await browser.keys(["Enter"]);
  await waitText(await tid("doc-state"), (t) => t === "Đã ký", "signed with the token", 30000);
  measurements.tokenPinEnterToSignedMs = Date.now() - enterAt;
  check("signed with the USB token", (await lastNotice()).includes("Đã ký số"), await lastNotice());
  check("the prompt is closed", !(await (await tid("key-prompt")).isExisting()));
  await (await tid("export-pdf")).click();
  await waitNotice((t) => t.includes("Đã xuất") && t.includes(".pdf"), "for the signed PDF");
  const pdf = join(exportDir, `du-thao-${id}.pdf`);
  check("the signed PDF was exported", existsSync(pdf), readdirSync(exportDir).join(", "));
  const { report: sig, valid } = signatures(pdf);
  check("the exported PDF carries one valid signature, the director's, made on the token", valid === 1 && sig.includes("Lê Văn Cường"), sig.slice(0, 600));
  const history = run("history", id);
  check("the record names the token", history.includes(TOKEN_LABEL), history.slice(-600));

  await (await tid("back")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
  await (await $("button=Đổi người dùng")).click();
  await pickPerson("chuyenvien");
}

/** 7c. The administrator sets the body's style profile on the settings screen: a body size the
 * decree does not allow is refused at its field, 13 pt and a 35 mm left margin are saved, and a
 * document the drafter then exports has them. Back to the decree's default at the end, so the
 * later steps see the usual sheet. Starts and ends on the list, as the drafter. */
async function styleScenario() {
  const draft = new URL("../../tests/fixtures/drafts/ke-hoach-stttt-2025.json", import.meta.url);
  const id = execFileSync(cli, ["import", draft.pathname, "--db", db, "--as", "chuyenvien"], { encoding: "utf8" }).trim();
  await (await $("button=Đổi người dùng")).click();
  await pickPerson("admin");
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
  await (await $('[data-screen="editor"]')).waitForDisplayed({ timeout: 10000 });
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

  // Back to the decree's default; the draft is discarded so the later steps find theirs.
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

/** Last: the app leaves its file for a database on the department's server. */
async function serverScenario() {
  // 9. The department's shared server: the settings screen connects to a database on the
  // PostgreSQL server (./x test starts a throwaway one and names it in VANBAN_TEST_PG).
  const server = process.env.VANBAN_TEST_PG;
  if (!server) {
    check("a PostgreSQL server to connect to (VANBAN_TEST_PG)", process.env.CI !== "true", "CI=true needs the server ./x test starts");
    return;
  }
  const dbName = `vanban_e2e_${process.pid}`;
  execFileSync("psql", [server, "-v", "ON_ERROR_STOP=1", "-q", "-c", `CREATE DATABASE ${dbName}`], { stdio: ["ignore", "ignore", "inherit"] });
  const address = server.replace(/\/[^/]*$/, `/${dbName}`);
  try {
    execFileSync(cli, ["init", "--demo", "--db", address], { stdio: ["ignore", "ignore", "inherit"] });
    if (await (await tid("back")).isExisting()) await (await tid("back")).click();
    await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
    await (await tid("to-directory")).click();
    await (await tid("change-database")).click();
    await (await tid("conn-kind-server")).click();
    await (await tid("conn-address")).setValue(address);
    await (await tid("conn-password")).setValue("sai-mat-khau");
    await (await tid("connect")).click();
    await waitNotice((t) => t.includes("Có lỗi"), "for the refused login");
    check("a wrong server password is refused and the app stays on its database", (await (await tid("db-path")).getText()).includes(db), await lastNotice());
    await (await tid("conn-password")).setValue(process.env.PGPASSWORD ?? "");
    await (await tid("connect")).click();
    await (await $('[data-screen="person"]')).waitForDisplayed({ timeout: 15000 });
    check("connected, the app asks who one is among the server's people", (await browser.$$('[data-testid^="person-"]')).length >= 4);
    await (await tid("person-vanthu")).click();
    await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
    await (await tid("to-directory")).click();
    const shown = await (await tid("db-path")).getText();
    check("the settings screen shows the server, without password", shown.includes(`Máy chủ: ${address}`) && !shown.includes(process.env.PGPASSWORD ?? "\u0000"), shown);
    await shot("10-may-chu");
    const settings = readFileSync(join(dataHome, "vanban", "settings.toml"), "utf8");
    check("the server is kept in the settings file, its password is not", settings.includes(address) && !settings.includes(process.env.PGPASSWORD ?? "\u0000"), settings);
  } finally {
    try {
      execFileSync("psql", [server, "-q", "-c", `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`], { stdio: "ignore" });
    } catch {
      // the server stops with the test run anyway
    }
  }
}

const LETTER_SUBJECT = "hướng dẫn triển khai Ngày Chuyển đổi số quốc gia năm 2026";
const OWN_TEMPLATE = "Công văn hướng dẫn CĐS";

/** How many fields of the form have a path matching `re`. */
async function countFields(re) {
  return browser.execute((source) => {
    const r = new RegExp(source);
    return [...document.querySelectorAll("[data-path]")].filter((e) => r.test(e.getAttribute("data-path") ?? "")).length;
  }, re.source);
}

/** Issue 8: a công văn from the shipped "công văn hướng dẫn" template, Kính gửi filled with a
 * directory group, a citation picked from the library, saved as the body's own template; a new
 * document from that template carries all of it, and its PDF is a letter (V/v, Kính gửi, no
 * type heading). */
async function letterScenario() {
  if (await (await tid("back")).isExisting()) {
    await (await tid("back")).click();
    await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });
  }
  await (await $("button=Đổi người dùng")).click();
  await (await tid("person-chuyenvien")).click();
  await (await $('[data-screen="list"]')).waitForDisplayed({ timeout: 10000 });

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
  await (await $('[data-screen="editor"]')).waitForDisplayed({ timeout: 10000 });
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
  await waitText(await tid("check-summary"), (t) => t.includes("Không có lỗi"), "no errors in the letter");
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
  await (await $('[data-screen="editor"]')).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="preview-page"]')).length > 0, { timeout: 20000, timeoutMsg: "no preview pages" });
  check("the new letter has the template's subject", (await (await field("subject")).getValue()) === LETTER_SUBJECT);
  check("the new letter has the twelve Kính gửi lines", (await countFields(/^addressees\[\d+\]\.name$/)) === 12);
  await waitText(await tid("check-summary"), (t) => t.includes("Không có lỗi"), "no errors in the new letter");
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
  await (await $('[data-screen="editor"]')).waitForDisplayed({ timeout: 10000 });
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
  check("adding one puts the focus in its subject", (await browser.execute(() => document.activeElement?.getAttribute("data-path"))) === "attachment.subject");
  await (await field("attachment.subject")).setValue("làm việc của Sở Thông tin và Truyền thông");
  await waitPreview((t) => t.includes("QUY CHẾ") && t.includes("làm việc của Sở Thông tin và Truyền thông"), "the attached quy chế's title");
  check("the attached quy chế gets its own title in the pages", true);
  await shot("15b-quyet-dinh-kem-quy-che");
}

try {
  await main();
  await letterScenario();
  await serverScenario();
} catch (e) {
  console.error(e);
  if (browser) {
    try {
      await shot("loi");
    } catch {
      // no window
    }
  }
  failed = Math.max(failed, 1);
} finally {
  if (browser) {
    await Promise.race([browser.deleteSession().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  }
  stopDriver();
  clearTimeout(watchdog);
  writeFileSync(join(out, "measurements.json"), JSON.stringify(measurements, null, 2));
  console.log(`measurements: ${JSON.stringify(measurements)}`);
  console.log(`screenshots and measurements in ${out}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
