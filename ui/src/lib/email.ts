// The e-mail panel's pure parts: a recipient's standing in words, what a send did in one
// sentence, and who a "send" would reach.
import type { EmailPanelView, EmailResultView, EmailStatusView } from "./api";

/** "Đã gửi 03/12/2026 14:30 · <id@…>", "Lỗi: 550 …", "Chưa gửi", … */
export function standingWords(s: EmailStatusView): string {
  const when = s.at ? ` ${s.at.slice(8, 10)}/${s.at.slice(5, 7)}/${s.at.slice(0, 4)} ${s.at.slice(11, 16)}` : "";
  switch (s.state) {
    case "sent":
      return `Đã gửi${when}`;
    case "failed":
      return `Gửi lỗi${when}: ${s.error ?? ""}`;
    case "unknown":
      return `Chưa rõ đã đến chưa (lần gửi${when} bị gián đoạn): hỏi nơi nhận, gửi lại nếu cần`;
    case "no-address":
      return "Danh bạ chưa có địa chỉ thư điện tử";
    default:
      return "Chưa gửi";
  }
}

/** The recipients a send without names reaches: with an address, not sent, not unknown. */
export function toSend(panel: EmailPanelView): EmailStatusView[] {
  return panel.recipients.filter((r) => r.state === "not-sent" || r.state === "failed");
}

/** What a send did: "Đã gửi 5 nơi; 1 nơi lỗi (Công an tỉnh: 550 …)." */
export function resultWords(results: readonly EmailResultView[]): string {
  const sent = results.filter((r) => r.result === "sent").length;
  const bad = results.filter((r) => r.result === "failed" || r.result === "not-attempted");
  const parts = [`Đã gửi ${sent} nơi`];
  if (bad.length) parts.push(`${bad.length} nơi chưa gửi được (${bad.map((r) => `${r.recipient.name}: ${r.error ?? ""}`).join("; ")})`);
  return `${parts.join("; ")}.`;
}
