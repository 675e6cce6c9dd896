// Vietnamese words the UI shows for the codes it receives.
import type { DocumentAction, DocumentState } from "./bindings";

export const STATE_LABELS: Record<DocumentState, string> = {
  draft: "Dự thảo",
  "in-review": "Chờ duyệt",
  approved: "Đã duyệt",
  signed: "Đã ký",
  issued: "Đã ban hành",
  discarded: "Đã hủy",
};

/** The tabs of the list screen: what waits for me, then the states in the order of the workflow. */
export const LIST_TABS: (DocumentState | "waiting")[] = ["waiting", "draft", "in-review", "approved", "signed", "issued", "discarded"];

/** Role codes as the shell sends them (vanban-core's `Role::as_str`). */
export const ROLE = {
  drafter: "drafter",
  reviewer: "reviewer",
  signer: "signer",
  clerk: "registry-clerk",
  admin: "admin",
  focalPoint: "focal-point",
} as const;

/** The Vietnamese name of each role. */
const ROLE_LABELS: Record<string, string> = {
  [ROLE.drafter]: "chuyên viên soạn thảo",
  [ROLE.reviewer]: "người duyệt",
  [ROLE.signer]: "người ký",
  [ROLE.clerk]: "văn thư",
  [ROLE.admin]: "quản trị",
  [ROLE.focalPoint]: "đầu mối của đơn vị",
};

/** A person's roles in Vietnamese, for showing ("người duyệt, người ký"). */
export function roleNames(roles: readonly string[]): string {
  return roles.map((r) => ROLE_LABELS[r] ?? r).join(", ");
}

/** Whether someone with these roles has documents waiting for them (to review, sign or issue). */
export function waitsForMe(roles: readonly string[]): boolean {
  return roles.some((r) => r === ROLE.reviewer || r === ROLE.signer || r === ROLE.clerk);
}

/** The label of a list tab: "Chờ tôi duyệt" for a reviewer or signer, "Chờ ban hành" for the
 * registry clerk. */
export function tabLabel(tab: DocumentState | "waiting", roles: readonly string[] = []): string {
  if (tab !== "waiting") return STATE_LABELS[tab];
  return roles.some((r) => r === ROLE.reviewer || r === ROLE.signer) ? "Chờ tôi duyệt" : "Chờ ban hành";
}

export const ACTION_LABELS: Record<Exclude<DocumentAction, "save">, string> = {
  submit: "Trình duyệt",
  return: "Trả lại",
  approve: "Duyệt",
  sign: "Ký",
  issue: "Ban hành",
  discard: "Hủy dự thảo",
};

/** What to tell the user for an error code when the message alone is not enough. */
export const ERROR_TITLES: Record<string, string> = {
  "not-allowed": "Không được phép",
  "wrong-state": "Trạng thái không phù hợp",
  "invalid-document": "Văn bản còn lỗi",
  "reason-required": "Cần nêu lý do",
  "unknown-user": "Không có người dùng này",
  "no-person": "Chưa chọn người dùng",
  "not-current-revision": "Văn bản vừa được người khác thay đổi",
  "disk-full": "Ổ đĩa đầy",
  "db-busy": "Cơ sở dữ liệu đang bận",
  io: "Lỗi đọc/ghi tệp",
  ipc: "Lỗi giao tiếp với ứng dụng",
  "may-not-report": "Không được báo cáo nhiệm vụ này",
  "bad-report": "Báo cáo chưa hợp lệ",
  "no-tracked-tasks": "Kế hoạch chưa có nhiệm vụ được theo dõi",
};

export const TYPE_LABELS: Record<string, string> = {
  "ke-hoach": "Kế hoạch",
  "cong-van": "Công văn",
  "quyet-dinh": "Quyết định",
  "bao-cao": "Báo cáo",
  "to-trinh": "Tờ trình",
  "thong-bao": "Thông báo",
  "giay-moi": "Giấy mời",
  "huong-dan": "Hướng dẫn",
  "chuong-trinh": "Chương trình",
  "nghi-quyet": "Nghị quyết",
};

/** "2026-11-23T09:15:00+07:00" → "09:15 23/11/2026". */
export function shortTime(rfc3339: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rfc3339);
  if (!m) return rfc3339;
  return `${m[4]}:${m[5]} ${m[3]}/${m[2]}/${m[1]}`;
}
