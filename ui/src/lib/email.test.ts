import { expect, it } from "vitest";
import type { EmailResultView, EmailStatusView } from "./api";
import { resultWords, standingWords, toSend } from "./email";

const r = (name: string, state: string, extra: Partial<EmailStatusView> = {}): EmailStatusView => ({
  recipient: { name, email: `${name}@example.vn`, edxml: false },
  state,
  messageId: null,
  error: null,
  at: null,
  ...extra,
});

it("says where each recipient stands, with the time and the server's reason", () => {
  expect(standingWords(r("A", "sent", { at: "2026-12-03T14:30:15+07:00" }))).toBe("Đã gửi 03/12/2026 14:30");
  expect(standingWords(r("B", "failed", { at: "2026-12-03T14:30:15+07:00", error: "550 hộp thư không có" }))).toBe(
    "Gửi lỗi 03/12/2026 14:30: 550 hộp thư không có",
  );
  expect(standingWords(r("C", "no-address"))).toBe("Danh bạ chưa có địa chỉ thư điện tử");
});

it("sends to those not sent or failed, never again to one sent or of unknown outcome", () => {
  const panel = { server: null, needsPassword: false, unavailable: null, recipients: [r("A", "sent"), r("B", "failed"), r("C", "unknown"), r("D", "not-sent"), r("E", "no-address")] };
  expect(toSend(panel).map((x) => x.recipient.name)).toEqual(["B", "D"]);
});

it("sums up a send, naming who did not get it and why", () => {
  const res = (name: string, result: string, error: string | null = null): EmailResultView => ({ recipient: { name, email: null, edxml: false }, result, messageId: null, error });
  expect(resultWords([res("A", "sent"), res("B", "sent"), res("C", "failed", "550 từ chối"), res("D", "already-sent")])).toBe(
    "Đã gửi 2 nơi; 1 nơi chưa gửi được (C: 550 từ chối).",
  );
});
