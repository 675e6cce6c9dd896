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

const TOKEN_LABEL = "giamdoc-vnpt-ca";
const TOKEN_PIN = "246810";

/** The director signs with a USB token (a SoftHSM2 token holding his key, as his CA's
 * enrolment left it): the directory names the token's certificate (.pem); a document is
 * brought to APPROVED with the `vanban` command; in the window he chooses the vendor's
 * PKCS#11 library once, picks the token, types a wrong PIN (refused, the prompt stays), then
 * the right one; the exported signed PDF is valid for pdfsig and names him. */
export default async function (s) {
  const { browser, driver, out, work, db, exportDir, dataHome, choose, softhsm, cli } = s;
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
  const draft = new URL("../../../tests/fixtures/drafts/ke-hoach-stttt-2025.json", import.meta.url);
  const id = run("import", draft.pathname, "--as", "chuyenvien");
  run("submit", id, "--as", "chuyenvien");
  // The head of unit set a PIN: the command asks for it too.
  run("approve", id, "--as", "truongphong", "--user-pin-file", join(work, "pin"));
  check("a document approved with the `vanban` command for the token signature", /^\d+$/.test(id), id);

  await enterAs("giamdoc");
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
