import { expect, it } from "vitest";
import { DraftBackup, type KeyValueStorage } from "./backup";
import type { Document } from "./document";

function memory(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const doc = (subject: string) =>
  ({
    type: "ke-hoach",
    header: { issuing_body: { name: "Sở" }, place: "Lạng Sơn" },
    subject,
    body: {},
    closing: "",
    recipients: { entries: [], archive: {} },
    signature: { title: "", name: "" },
  }) as Document;

it("offers back edits made on the revision being opened", () => {
  const s = memory();
  const b = new DraftBackup(s);
  b.put(7, 3, doc("Tuyên truyền chuyển đổi số"));
  expect(b.restorable(7, 3, doc(""))?.subject).toBe("Tuyên truyền chuyển đổi số");
});

it("drops edits that a later save already holds", () => {
  const s = memory();
  const b = new DraftBackup(s);
  b.put(7, 3, doc("a"));
  expect(b.restorable(7, 4, doc("a"))).toBeNull();
  expect(s.map.size).toBe(0);
});

it("drops a copy equal to what is stored", () => {
  const b = new DraftBackup(memory());
  b.put(7, 3, doc("a"));
  expect(b.restorable(7, 3, doc("a"))).toBeNull();
});

it("survives damaged or missing storage", () => {
  const s = memory();
  s.map.set("vanban.unsaved.7", "{not json");
  expect(new DraftBackup(s).restorable(7, 1, doc("a"))).toBeNull();
  const none = new DraftBackup(null);
  none.put(1, 1, doc("a"));
  expect(none.restorable(1, 1, doc("b"))).toBeNull();
  const full: KeyValueStorage = {
    getItem: () => null,
    setItem: () => {
      throw new Error("QuotaExceededError");
    },
    removeItem: () => {},
  };
  expect(() => new DraftBackup(full).put(1, 1, doc("a"))).not.toThrow();
});
