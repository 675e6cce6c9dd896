// A session of the end-to-end test: a folder of its own, a database prepared as a body has it
// before anyone opens the app, tauri-driver and the app started on it, and a WebDriver session.
// Every scenario runs in a fresh one, so none depends on what another left behind.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { remote } from "webdriverio";
import { KEY_PASSWORD, PINS, ctx, descendants, png } from "./steps.mjs";

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


/** SoftHSM2 (the USB token the tests use) and OpenSC's pkcs11-tool, with a configuration in
 * `work`; null when they are not installed. */
function softhsmIn(work) {
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
}

/**
 * Keys as a CA would issue them, in `work/keys`: a test CA (openssl), and for each
 * `[name, commonName, keyArgs]` a certificate in `name.p12` protected by KEY_PASSWORD; a blue
 * signature image (chu-ky.png) and a red seal (con-dau.png).
 */
export function makeKeys(work, holders) {
  const keys = join(work, "keys");
  mkdirSync(keys, { recursive: true });
  const ssl = (...args) => execFileSync("openssl", args, { cwd: keys, stdio: ["ignore", "ignore", "pipe"] });
  ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-utf8", "-subj", "/CN=CA thử nghiệm");
  for (const [name, cn, keyArgs] of holders) {
    ssl("req", "-newkey", ...keyArgs, "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-utf8", "-subj", `/CN=${cn}`);
    ssl("x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", `${name}.pem`, "-days", "30");
    ssl("pkcs12", "-export", "-inkey", `${name}.key`, "-in", `${name}.pem`, "-certfile", "ca.pem", "-out", `${name}.p12`, "-passout", `pass:${KEY_PASSWORD}`);
  }
  // A blue stroke on transparent ground; a red ring with a star.
  writeFileSync(join(keys, "chu-ky.png"), png(300, 120, (x, y) => (Math.abs(y - 60 - 35 * Math.sin(x / 30)) < 4 ? [20, 40, 180, 255] : [0, 0, 0, 0])));
  writeFileSync(join(keys, "con-dau.png"), png(200, 200, (x, y) => {
    const r = Math.hypot(x - 100, y - 100);
    return (r > 88 && r < 98) || (r > 70 && r < 74) || r < 12 ? [210, 20, 20, 230] : [0, 0, 0, 0];
  }));
  return keys;
}

/**
 * The database as a body has it before anyone opens the app: the demo directory, then a
 * directory file giving the director a certificate (RSA) and a blue signature image, and the
 * body a certificate (ECDSA P-256) — made here by openssl, as a CA would issue them, in
 * password-protected PKCS#12 files. The body's red seal (keys/con-dau.png) is set later by the
 * administrator in the app. The head of unit protects their profile with a PIN, set by the
 * administrator with the `vanban` command.
 */
function prepareDatabase(cli, work, db) {
  makeKeys(work, [
    ["giamdoc", "Lê Văn Cường", ["rsa:2048"]],
    ["stttt", "Sở Thông tin và Truyền thông tỉnh Lạng Sơn", ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"]],
  ]);
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
  const pinFile = join(work, "pin");
  writeFileSync(pinFile, "2468\n", { mode: 0o600 });
  execFileSync(cli, ["directory", "pin", "truongphong", "--pin-file", pinFile, "--db", db, "--as", "admin"]);
  PINS.truongphong = "2468";
}

/**
 * Starts a session named `name`: its folder, database (the default one, or made by `prepare`),
 * token configuration, tauri-driver and the app (with `env` added to its environment). Gives
 * what a scenario uses: `browser`, `driver`, `work`, `db`, `exportDir`, `dataHome`,
 * `choose(path)` (what the open dialog will give, since WebDriver cannot reach it), `softhsm`,
 * `cli`, `started` (when the app was asked to start).
 */
export async function startSession(name, { app, cli, out, prepare = null, env = {} }) {
  const work = mkdtempSync(join(tmpdir(), `vanban-e2e-${name}-`));
  const exportDir = join(work, "exports");
  mkdirSync(exportDir);
  const db = join(work, "vanban.db");
  const chosenFile = join(work, "chosen-file");
  const choose = (path) => writeFileSync(chosenFile, path);
  const dataHome = join(work, "data");
  const softhsm = softhsmIn(work);
  // A scenario may prepare its own database (its `prepare`), and give the app more of its
  // environment (its `env`, e.g. VANBAN_NOW).
  if (prepare) prepare({ cli, work, db });
  else prepareDatabase(cli, work, db);
  // The app's own data folder (its settings file) in the session's folder; no server password
  // in its environment: the person types it. Exports go to exportDir under their suggested
  // names, since WebDriver cannot reach the save dialog.
  const appEnv = { ...process.env, ...env, VANBAN_DB: db, VANBAN_TEST_EXPORT_DIR: exportDir, VANBAN_TEST_OPEN_FILE: chosenFile, XDG_DATA_HOME: dataHome };
  delete appEnv.PGPASSWORD;
  delete appEnv.VANBAN_DB_PASSWORD_FILE;
  // SoftHSM2 reads its configuration once, when the app first loads the module: the app is
  // given the session's own, whose token the token scenario makes; and the module that
  // "Chọn thư viện…" takes.
  if (softhsm) {
    appEnv.SOFTHSM2_CONF = softhsm.conf;
    appEnv.VANBAN_TEST_PKCS11_MODULE = softhsm.module;
  }
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn(process.env.TAURI_DRIVER || "tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: appEnv,
  });
  const s = { name, out, work, db, exportDir, dataHome, choose, softhsm, cli, driver, browser: null, started: 0 };
  ctx.driver = driver;
  ctx.out = out;
  await waitForPort(port, 15000);
  s.started = Date.now();
  s.browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    connectionRetryTimeout: 60000,
    capabilities: {
      "tauri:options": { application: app },
      "wdio:enforceWebDriverClassic": true,
    },
  });
  ctx.browser = s.browser;
  return s;
}

/** Ends the WebDriver session and stops tauri-driver and everything it started (WebKitWebDriver,
 * the app), by process id. */
export async function stopSession(s) {
  if (!s) return;
  if (s.browser) {
    await Promise.race([s.browser.deleteSession().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  }
  stopDriver(s.driver);
  ctx.browser = null;
  ctx.driver = null;
}

export function stopDriver(driver) {
  if (!driver) return;
  for (const { pid } of descendants(driver.pid).reverse()) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  driver.kill();
}
