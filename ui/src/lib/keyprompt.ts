// The signing prompt's decisions, kept out of the component: which way of opening the key it
// starts with, which tokens it offers, and what it does after a refusal (what to clear, where
// the focus goes) — so that a wrong PIN costs the person only the PIN.
import type { KeyInput, KeySourcesView, TokensView } from "./api";

/** How the key is opened: the directory's .p12 file with its password, or a USB token. */
export type KeySource = "file" | "token";

/** The way offered first: the only one the directory allows, the file when both are. */
export function initialSource(sources: KeySourcesView): KeySource {
  return sources.token && !sources.file ? "token" : "file";
}

/** Why a way is not offered, in Vietnamese (null when it is). */
export function unavailableReason(source: KeySource, sources: KeySourcesView, whose: "person" | "body"): string | null {
  const owner = whose === "person" ? "của bạn" : "của cơ quan";
  if (source === "file") {
    if (sources.file) return null;
    return sources.token
      ? `Danh bạ ghi chứng thư ${owner} là chứng thư của USB token (.cer/.pem), không có tệp .p12.`
      : `Danh bạ chưa có tệp chứng thư số (.p12) ${owner}.`;
  }
  if (sources.token) return null;
  return sources.file
    ? `Danh bạ ghi tệp .p12 ${owner}: để ký bằng USB token, quản trị cần ghi vào danh bạ tệp chứng thư (.cer/.pem) của token.`
    : `Danh bạ chưa có ảnh chữ ký hay con dấu ${owner}, cần cho chữ ký số.`;
}

/** A token the prompt offers. */
export interface TokenChoice {
  /** Its label, sent to sign with it. */
  label: string;
  /** How it is shown: label, maker and model, serial number, and a locked PIN. */
  text: string;
  /** Its PIN is locked: it cannot sign until unlocked. */
  locked: boolean;
}

/** The tokens inserted and initialised, in the module's order. Empty slots and blank tokens
 * (which cannot sign; SoftHSM2 always keeps one) are left out. */
export function tokenChoices(view: TokensView | null): TokenChoice[] {
  if (!view) return [];
  const out: TokenChoice[] = [];
  for (const slot of view.slots) {
    const t = slot.token;
    if (!t || !t.initialized) continue;
    const maker = [t.manufacturer, t.model].filter((s) => s.trim()).join(" ");
    const parts = [t.label || "(không nhãn)"];
    if (maker) parts.push(maker);
    if (t.serial) parts.push(`số sê-ri ${t.serial}`);
    let text = parts.join(" — ");
    if (t.pinLocked) text += " (mã PIN đã bị khóa)";
    else if (t.pinFinalTry) text += " (còn 1 lần nhập mã PIN)";
    out.push({ label: t.label, text, locked: t.pinLocked });
  }
  return out;
}

/** The token selected after a (re)load: the one selected before while it is still there,
 * else the first whose PIN is not locked, else the first; "" when there is none. */
export function pickToken(choices: TokenChoice[], before: string): string {
  if (choices.some((c) => c.label === before)) return before;
  return (choices.find((c) => !c.locked) ?? choices[0])?.label ?? "";
}

/** What the person typed into the prompt. */
export interface Typed {
  password: string;
  token: string;
  pin: string;
  keyId: string;
}

/** The key to send; null while its secret is empty. A blank token or key id means "the only
 * one". */
export function keyInput(source: KeySource, typed: Typed): KeyInput | null {
  if (source === "file") return typed.password ? { kind: "file", password: typed.password } : null;
  if (!typed.pin) return null;
  const token = typed.token.trim();
  const keyId = typed.keyId.trim();
  return { kind: "token", token: token || null, pin: typed.pin, keyId: keyId || null };
}

/** Where the focus goes after a refusal. */
export type FocusTarget = "password" | "pin" | "keyId" | "token" | "module";

/** What the prompt does after the shell refused to sign: the secret is always cleared (it
 * crossed once); the rest of what was typed stays. */
export interface Recovery {
  focus: FocusTarget;
  /** Show the key id field: the token holds several keys (the message lists them). */
  askKeyId: boolean;
  /** Read the tokens again: the one chosen was not found, or several are inserted. */
  refresh: boolean;
}

/** The recovery for the error `code` of a refused signature with a key from `source`. */
export function recoveryFor(code: string, source: KeySource): Recovery {
  const stay = (focus: FocusTarget): Recovery => ({ focus, askKeyId: false, refresh: false });
  switch (code) {
    case "token-several-keys":
    case "token-no-such-key":
    case "token-bad-key-id":
      return { focus: "keyId", askKeyId: true, refresh: false };
    case "token-not-found":
    case "token-several":
      return { focus: "token", askKeyId: false, refresh: true };
    case "pkcs11-module-not-found":
    case "pkcs11-module-not-loadable":
    case "no-token-module":
      return { focus: "module", askKeyId: false, refresh: true };
    case "token-certificate-mismatch":
    case "certificate-not-comparable":
    case "token-no-key":
      return stay("token");
    default:
      return stay(source === "file" ? "password" : "pin");
  }
}
