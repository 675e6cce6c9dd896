import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeKeys } from "../lib/session.mjs";
import { $, KEY_PASSWORD, check, enterAs, shot, signatures, tid, waitNotice, waitText } from "../lib/steps.mjs";

// The registry clerk's day after issuing: the Long An plan is signed digitally and issued with
// the `vanban` command (today: the test certificates are valid from today), then the app is
// opened. The clerk of
// the province's office makes an electronic sao y (the body's key asked for in the window: the
// original's signatures and the copy's all valid, the copy's note on page 1), a trích sao of
// part II on paper (the copy block, only that part), is told what is missing when no part is
// chosen, writes the edXML package for the Department of Information and Communications, reads
// its answers (03, then 06) and sees where that recipient stands; sends the plan by e-mail
// through the SMTP test server `./x test` started (the password typed in the window): two
// recipients get it once each, the one the server refuses shows why, and retrying it records no
// success; the copy register lists the copies and prints them. A drafter is offered no copy form.

// Today in Vietnam: YYYY-MM-DD.
const TODAY = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
const vn = (iso) => iso.split("-").reverse().join("/");
const fixture = (name) => new URL(`../../../tests/fixtures/${name}`, import.meta.url).pathname;
const STTTT = "000.00.21.H40";

export function prepare({ cli, work, db }) {
  makeKeys(work, [
    ["ubnd", "Ủy ban nhân dân tỉnh Long An", ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"]],
    ["phochutich", "Phạm Tấn Hòa", ["rsa:2048"]],
  ]);
  // The province's directory, with the body's certificate and seal, the vice-chairman's
  // certificate and signature, and the vice-chairman named to sign copies.
  const directory = readFileSync(fixture("directory-long-an.toml"), "utf8")
    .replace('place = "Long An"\n', 'place = "Long An"\ncertificate = "keys/ubnd.p12"\nseal_image = "keys/con-dau.png"\nseal_diameter_mm = 36\ncopy_signers = ["phochutich"]\n')
    .replace('roles = ["signer"]\nbody = "UBND"\n', 'roles = ["signer"]\nbody = "UBND"\ncertificate = "keys/phochutich.p12"\nsignature_image = "keys/chu-ky.png"\n');
  // The body's mail server: the SMTP test server, STARTTLS, its one login; three recipients'
  // addresses (the test server refuses mailboxes starting with "tuchoi").
  const smtp = /^smtp:\/\/([^@]+)@([^:]+):(\d+)/.exec(process.env.VANBAN_TEST_SMTP ?? "");
  if (!smtp) throw new Error("VANBAN_TEST_SMTP is not set: ./x test e2e starts the SMTP test server");
  const mail = `\n[bodies.smtp]\nhost = "${smtp[2]}"\nport = ${smtp[3]}\ntls = "starttls"\nuser = "${smtp[1]}"\nsender = "vanthu@ubnd.e2e.example"\n`;
  const addresses = [
    ["Bộ Thông tin và Truyền thông", "vanthu@mic.e2e.example"],
    ["Công an tỉnh", "tuchoi@congan.e2e.example"],
    ["Tỉnh Đoàn", "vanphong@tinhdoan.e2e.example"],
  ]
    .map(([name, email]) => `\n[[addresses]]\nbody = "UBND"\nname = "${name}"\nemail = "${email}"\n`)
    .join("");
  writeFileSync(join(work, "danh-ba.toml"), directory.replace('organ_id = "000.00.00.H40"\n', `organ_id = "000.00.00.H40"\n${mail}`) + addresses);
  const password = join(work, "mat-khau");
  writeFileSync(password, `${KEY_PASSWORD}\n`, { mode: 0o600 });
  const run = (...args) => execFileSync(cli, [...args, "--db", db], { stdio: ["ignore", "pipe", "inherit"] }).toString().trim();
  run("init");
  run("directory", "import", join(work, "danh-ba.toml"), "--as", "admin");
  run("import", fixture("ke-hoach-long-an-tuyen-truyen-cds-2025.json"), "--as", "chuyenvien");
  run("submit", "1", "--as", "chuyenvien");
  run("approve", "1", "--as", "chanhvanphong");
  run("sign", "1", "--as", "phochutich", "--password-file", password);
  const number = run("issue", "1", "--as", "vanthu", "--password-file", password);
  if (number !== "01/KH-UBND") throw new Error(`the plan was issued as ${number}`);
  // The answers of the Department of Information and Communications to this package.
  for (const code of ["03", "06"]) {
    const text = readFileSync(fixture(`edxml/status-${code}-long-an.edxml`), "utf8").replace("2025/03/05,01/KH-UBND", `${TODAY.replaceAll("-", "/")},01/KH-UBND`);
    writeFileSync(join(work, `status-${code}.edxml`), text);
  }
}

/** The issued plan opened in the editor from the outgoing register. */
async function openPlan() {
  await (await tid("to-registry")).click();
  await (await $('[data-screen="registry"]')).waitForDisplayed({ timeout: 10000 });
  const row = await $('[data-testid="register-row"]');
  await row.waitForDisplayed({ timeout: 10000 });
  await (await row.$("button.open")).click();
  await (await $('[data-screen="editor"] form[data-whole]')).waitForDisplayed({ timeout: 15000 });
}

// The mail server's root certificate, trusted by the app as a department's own CA would be.
export const env = { VANBAN_SMTP_CA: process.env.VANBAN_TEST_SMTP_CA ?? "" };

/** The messages the SMTP test server received for `address`. */
function received(address) {
  const dir = process.env.VANBAN_TEST_SMTP_MAIL ?? "";
  return readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => readFileSync(join(dir, f), "latin1"))
    .filter((m) => m.includes(address));
}

export default async function (s) {
  const { browser, exportDir, cli, db } = s;

  // 1. A drafter sees the issued plan's sending but no copy form.
  await enterAs("chuyenvien");
  await openPlan();
  await (await tid("distribution")).waitForDisplayed({ timeout: 10000 });
  check("a drafter is offered no copy form", !(await (await tid("copies")).isExisting()));
  await (await tid("back")).click();
  await enterAs("vanthu");
  await openPlan();

  // 2. An electronic sao y, signed with the body's key asked for in the window.
  const copies = await tid("copies");
  await copies.waitForDisplayed({ timeout: 10000 });
  await (await tid("copy-kind-sao-y")).click();
  await (await tid("copy-form")).selectByAttribute("value", "electronic");
  await (await tid("copy-make")).click();
  const keyBox = await tid("key-password");
  await keyBox.waitForDisplayed({ timeout: 5000 });
  check("an electronic copy asks for the body's key", (await (await tid("key-prompt")).getText()).includes("cơ quan"));
  await keyBox.setValue(KEY_PASSWORD);
  await shot("r1-sao-y-khoa-co-quan");
  await (await tid("key-submit")).click();
  await waitNotice((t) => t.startsWith("Đã sao: số 01/SY-UBND"), "for the sao y");
  check("the sao y takes the copy register's first number", true);
  const saoY = join(exportDir, "sao-y-van-ban-1.pdf");
  check("the sao y is written where the person chose", existsSync(saoY));
  const sig = signatures(saoY);
  check("the sao y keeps the original's two signatures and adds the copy's: 3 valid", sig.valid === 3, sig.report);
  const note = execFileSync("pdftotext", ["-f", "1", "-l", "1", saoY, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  const stamp = new RegExp(`SAO Y; Ủy ban nhân dân tỉnh Long An; ${vn(TODAY)}; \\d\\d:\\d\\d:\\d\\d \\+07:00`);
  check("its note names the kind, the body and the time at +07:00", stamp.test(note), note.slice(0, 300));

  // 3. A trích sao without a part is refused in the form; then part II on paper.
  await (await tid("copy-kind-trich-sao")).click();
  await (await tid("copy-form")).selectByAttribute("value", "paper-pdf");
  await (await tid("copy-make")).click();
  const problem = await tid("copy-problem");
  await problem.waitForDisplayed({ timeout: 5000 });
  check("a trích sao with no part chosen says what to choose", (await problem.getText()).includes("chọn ít nhất một phần"));
  await (await $('[data-testid="copy-parts"] input[data-path="body.sections[1]"]')).click();
  check("and says no more once a part is chosen", !(await problem.isExisting()));
  // Typed line by line (WebKitWebDriver drops a "\n" inside setValue).
  await (await tid("copy-to")).setValue("- Sở Tài chính;");
  await browser.keys(["Enter"]);
  await (await tid("copy-to")).addValue("- Lưu: VT.");
  await shot("r2-trich-sao");
  await (await tid("copy-make")).click();
  await waitNotice((t) => t.startsWith("Đã sao: số 02/TrS-UBND"), "for the trích sao");
  const trich = execFileSync("pdftotext", ["-layout", join(exportDir, "trich-sao-van-ban-1.pdf"), "-"], { encoding: "utf8" });
  check(
    "the paper trích sao keeps part II only and ends with its copy block",
    trich.includes("NỘI DUNG THỰC HIỆN") && !trich.includes("KINH PHÍ THỰC HIỆN") && /TRÍCH SAO/.test(trich) && trich.includes("Số: 02/TrS-UBND") && /^- Sở Tài chính;.*\n- Lưu: VT\.$/m.test(trich),
    trich.slice(-800),
  );
  const rows = await browser.$$('[data-testid="copy-row"]');
  check("the document lists its two copies", rows.length === 2 && (await rows[0].getText()).startsWith("01/SY-UBND · Sao y · bản điện tử"));

  // 4. The edXML package for the Department of Information and Communications.
  await (await $(`[data-testid="organ-row"][data-organ="${STTTT}"] input`)).click();
  await (await tid("edxml-export")).click();
  await waitNotice((t) => t.startsWith("Đã ghi gói tin edXML"), "for the package");
  const pkg = join(exportDir, "van-ban-1.edxml");
  const read = JSON.parse(execFileSync(cli, ["edxml", "read", pkg, "--format", "json", "--db", db], { encoding: "utf8" }));
  check(
    "the package names the plan and carries its signed PDF",
    read.document_id === `000.00.00.H40,${TODAY.replaceAll("-", "/")},01/KH-UBND` && read.to.map((o) => o.organ_id).join() === STTTT && read.attachments.length >= 1,
    JSON.stringify({ id: read.document_id, to: read.to, files: read.attachments }),
  );
  const organ = await $(`[data-testid="organ-row"][data-organ="${STTTT}"]`);
  await waitText(organ, (t) => t.includes(`đã gửi gói tin ${vn(TODAY)}`), "the recipient sent to");

  // 5. By e-mail, through the body's mail server; the password typed here, never stored.
  const email = await tid("email");
  await email.scrollIntoView();
  const row = async (name) => $(`[data-testid="email-row"][data-name="${name}"]`);
  await waitText(await row("Bộ Thông tin và Truyền thông"), (t) => t.includes("vanthu@mic.e2e.example") && t.includes("Chưa gửi"), "the ministry's address");
  check("the sender is told the server asks for its password", await (await tid("smtp-password")).isDisplayed());
  await (await tid("smtp-password")).setValue(readFileSync(process.env.VANBAN_TEST_SMTP_PASSWORD_FILE ?? "", "utf8").trim());
  await (await tid("email-send")).click();
  await waitNotice((t) => t.includes("Đã gửi 2 nơi") && t.includes("Công an tỉnh") && t.includes("550"), "for the e-mail batch");
  check("two recipients are sent to, the one refused is named with the server's reason", true);
  await waitText(await row("Công an tỉnh"), (t) => t.includes("Gửi lỗi") && t.includes("550"), "the refused recipient's reason");
  check("each recipient's row says where it stands", (await (await row("Tỉnh Đoàn")).getAttribute("data-state")) === "sent" && (await (await row("Bộ Thông tin và Truyền thông")).getAttribute("data-state")) === "sent");
  const ministry = received("vanthu@mic.e2e.example");
  check(
    "the server received each message once, with the number in its subject and the signed PDF attached",
    ministry.length === 1 && received("vanphong@tinhdoan.e2e.example").length === 1 && /Subject: .*01\/KH-UBND|=\?utf-8\?/i.test(ministry[0]) && /filename="?[^"\n]*\.pdf/i.test(ministry[0]),
    `${ministry.length} message(s)`,
  );
  await shot("r4a-gui-thu");
  await (await (await row("Công an tỉnh")).$("button")).click();
  await waitNotice((t) => t.includes("Đã gửi 0 nơi") && t.includes("Công an tỉnh"), "for the retry");
  check("a retry the server refuses again records no success", (await (await row("Công an tỉnh")).getAttribute("data-state")) === "failed" && received("tuchoi@congan.e2e.example").length === 0);

  // 6. Its answers, read in the register's screen: 03 then 06; the document shows the last.
  await (await tid("back")).click();
  await (await tid("to-registry")).click();
  await (await $('[data-screen="registry"]')).waitForDisplayed({ timeout: 10000 });
  for (const [file, words] of [
    ["status-03.edxml", "03 — đã tiếp nhận"],
    ["status-06.edxml", "06 — hoàn thành"],
  ]) {
    s.choose(join(s.work, file));
    await (await tid("edxml-read")).click();
    await waitNotice((t) => t.startsWith("Đã ghi trạng thái") && t.includes(words), `for ${file}`);
  }
  check("the recipient's answers 03 then 06 are recorded", true);
  const register = await tid("copy-register");
  const registerText = await register.getText();
  check("the copy register lists 01/SY-UBND and 02/TrS-UBND", registerText.includes("01/SY-UBND") && registerText.includes("02/TrS-UBND"), registerText);
  await shot("r3-so-ban-sao");
  await (await tid("copies-pdf")).click();
  await waitNotice((t) => t.startsWith(`Đã xuất sổ bản sao năm ${TODAY.slice(0, 4)}`), "for the copy register");
  const printed = execFileSync("pdftotext", ["-layout", join(exportDir, `so-ban-sao-${TODAY.slice(0, 4)}.pdf`), "-"], { encoding: "utf8" });
  check("the printed copy register has both copies", printed.includes("01/SY-UBND") && printed.includes("02/TrS-UBND"), printed.slice(0, 600));

  await (await tid("edxml-message")).$("button=Mở văn bản").then((b) => b.click());
  await (await $('[data-screen="editor"] form[data-whole]')).waitForDisplayed({ timeout: 15000 });
  const standing = await $(`[data-testid="organ-row"][data-organ="${STTTT}"]`);
  await waitText(standing, (t) => t.includes("06 — hoàn thành") && t.includes("2 lần trả lời"), "the recipient's latest answer");
  check("the document shows where the recipient stands: done, after two answers", (await standing.getAttribute("data-status")) === "06");
  await shot("r4-trang-thai-lien-thong");
}
