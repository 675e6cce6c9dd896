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

const D7 = { id: 7, createdAt: "2026-11-23T09:00:00+07:00" };
const D1 = { id: 1, createdAt: "2026-11-23T09:00:00+07:00" };

it("offers back edits made on the revision being opened", () => {
  const s = memory();
  const b = new DraftBackup(s);
  b.put(D7, 3, doc("Tuyên truyền chuyển đổi số"));
  expect(b.restorable(D7, 3, doc(""))?.document.subject).toBe("Tuyên truyền chuyển đổi số");
});

it("drops edits that a later save already holds", () => {
  const s = memory();
  const b = new DraftBackup(s);
  b.put(D7, 3, doc("a"));
  expect(b.restorable(D7, 4, doc("a"))).toBeNull();
  expect(s.map.size).toBe(0);
});

it("drops a copy equal to what is stored", () => {
  const b = new DraftBackup(memory());
  b.put(D7, 3, doc("a"));
  expect(b.restorable(D7, 3, doc("a"))).toBeNull();
});

it("survives damaged or missing storage", () => {
  const s = memory();
  s.map.set("vanban.unsaved.7", "{not json");
  expect(new DraftBackup(s).restorable(D7, 1, doc("a"))).toBeNull();
  const none = new DraftBackup(null);
  none.put(D1, 1, doc("a"));
  expect(none.restorable(D1, 1, doc("b"))).toBeNull();
  const full: KeyValueStorage = {
    getItem: () => null,
    setItem: () => {
      throw new Error("QuotaExceededError");
    },
    removeItem: () => {},
  };
  expect(() => new DraftBackup(full).put(D1, 1, doc("a"))).not.toThrow();
});

it("never gives a document the unsaved text of another one of the same id", () => {
  // Another database (or one made afresh) has its own document 7, created at another time.
  const s = memory();
  const b = new DraftBackup(s);
  b.put(D7, 1, doc("Kế hoạch của cơ sở dữ liệu cũ"));
  const other = { id: 7, createdAt: "2026-11-24T08:00:00+07:00" };
  expect(b.restorable(other, 1, doc(""))).toBeNull();
  expect(s.map.size).toBe(0);
});

it("keeps text refused in a conflict, whatever the revision is now, marked as such", () => {
  const s = memory();
  const b = new DraftBackup(s);
  const refused = "Văn bản 7 đã có bản sửa 4 do chuyenvien lưu sau bản 3 mà bạn đang sửa";
  b.put(D7, 3, doc("Bản của tôi"), refused);
  const back = b.restorable(D7, 4, doc("Bản của người khác"));
  expect(back?.document.subject).toBe("Bản của tôi");
  expect(back?.conflict).toBe(refused);
  expect(s.map.size).toBe(1);
});

it("reads copies written before documents were keyed by creation time as stale", () => {
  const s = memory();
  s.map.set("vanban.unsaved.7", JSON.stringify({ revision: 1, document: doc("cũ") }));
  expect(new DraftBackup(s).restorable(D7, 1, doc(""))).toBeNull();
  expect(s.map.size).toBe(0);
});
