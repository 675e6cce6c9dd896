import { describe, expect, it } from "vitest";
import type { SlotView, TokensView, TokenView } from "./api";
import { initialSource, keyInput, pickToken, recoveryFor, tokenChoices, unavailableReason } from "./keyprompt";

function token(label: string, more: Partial<TokenView> = {}): TokenView {
  return {
    label,
    manufacturer: "VNPT-CA",
    model: "SafeNet eToken 5110",
    serial: "0A1B2C3D",
    initialized: true,
    pinLocked: false,
    pinFinalTry: false,
    ...more,
  };
}

function view(...slots: (TokenView | null)[]): TokensView {
  return {
    module: "/usr/lib/libvnpt.so",
    slots: slots.map((t, i): SlotView => ({ description: `Khe ${i}`, token: t })),
    error: null,
  };
}

describe("the way offered first", () => {
  it("is the token when the directory allows only the token", () => {
    expect(initialSource({ file: false, token: true })).toBe("token");
  });
  it("is the file when the directory sets a .p12, or allows nothing", () => {
    expect(initialSource({ file: true, token: false })).toBe("file");
    expect(initialSource({ file: false, token: false })).toBe("file");
  });
  it("says why a way is not offered, and nothing when it is", () => {
    const onlyToken = { file: false, token: true };
    expect(unavailableReason("token", onlyToken, "person")).toBeNull();
    expect(unavailableReason("file", onlyToken, "person")).toContain("USB token (.cer/.pem)");
    expect(unavailableReason("token", { file: true, token: false }, "body")).toContain("tệp .p12 của cơ quan");
    expect(unavailableReason("file", { file: false, token: false }, "person")).toContain("chưa có tệp chứng thư số");
  });
});

describe("the tokens offered", () => {
  it("leaves out empty slots and blank tokens, and describes the others", () => {
    const choices = tokenChoices(view(null, token("giam-doc"), token("", { initialized: false, manufacturer: "", model: "", serial: "" })));
    expect(choices).toEqual([
      { label: "giam-doc", text: "giam-doc — VNPT-CA SafeNet eToken 5110 — số sê-ri 0A1B2C3D", locked: false },
    ]);
    expect(tokenChoices(null)).toEqual([]);
  });
  it("says when a PIN is locked or at its last try", () => {
    const [locked, last] = tokenChoices(view(token("a", { pinLocked: true }), token("b", { pinFinalTry: true })));
    expect(locked?.locked).toBe(true);
    expect(locked?.text).toMatch(/mã PIN đã bị khóa/);
    expect(last?.text).toMatch(/còn 1 lần/);
  });
  it("keeps the token chosen before, else the first usable one", () => {
    const choices = tokenChoices(view(token("khoa", { pinLocked: true }), token("a"), token("b")));
    expect(pickToken(choices, "b")).toBe("b");
    expect(pickToken(choices, "da-rut-ra")).toBe("a");
    expect(pickToken(tokenChoices(view(token("khoa", { pinLocked: true }))), "")).toBe("khoa");
    expect(pickToken([], "a")).toBe("");
  });
});

describe("the key sent", () => {
  const typed = { password: "", token: " giam-doc ", pin: "1234", keyId: "" };
  it("is nothing while the secret is empty", () => {
    expect(keyInput("file", typed)).toBeNull();
    expect(keyInput("token", { ...typed, pin: "" })).toBeNull();
  });
  it("names the token and key only when given", () => {
    expect(keyInput("token", typed)).toEqual({ kind: "token", token: "giam-doc", pin: "1234", keyId: null });
    expect(keyInput("token", { ...typed, token: "", keyId: " 01 " })).toEqual({ kind: "token", token: null, pin: "1234", keyId: "01" });
    expect(keyInput("file", { ...typed, password: "mk" })).toEqual({ kind: "file", password: "mk" });
  });
});

describe("after a refusal", () => {
  it("a wrong PIN goes back to the PIN, nothing else", () => {
    expect(recoveryFor("token-wrong-pin", "token")).toEqual({ focus: "pin", askKeyId: false, refresh: false });
  });
  it("a wrong password goes back to the password", () => {
    expect(recoveryFor("certificate-wrong-password", "file").focus).toBe("password");
  });
  it("several keys ask for the key id", () => {
    for (const code of ["token-several-keys", "token-no-such-key", "token-bad-key-id"]) {
      expect(recoveryFor(code, "token")).toEqual({ focus: "keyId", askKeyId: true, refresh: false });
    }
  });
  it("a token not found reads the tokens again; a module that does not load points at the module", () => {
    expect(recoveryFor("token-not-found", "token")).toMatchObject({ focus: "token", refresh: true });
    expect(recoveryFor("pkcs11-module-not-loadable", "token").focus).toBe("module");
    expect(recoveryFor("no-token-module", "token").focus).toBe("module");
  });
  it("another certificate on the token points at the token", () => {
    expect(recoveryFor("token-certificate-mismatch", "token").focus).toBe("token");
  });
});
