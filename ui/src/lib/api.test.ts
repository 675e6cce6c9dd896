import { expect, it } from "vitest";
import { ApiError, toApiError } from "./api";

it("keeps the shell's code, message and detail", () => {
  const e = toApiError({ code: "wrong-state", message: "Không duyệt được…", detail: null });
  expect(e).toBeInstanceOf(ApiError);
  expect(e.code).toBe("wrong-state");
  expect(e.message).toBe("Không duyệt được…");
});

it("turns a bare string from the bridge into an ipc error", () => {
  const e = toApiError("Command foo not allowed by ACL");
  expect(e.code).toBe("ipc");
  expect(e.detail).toBe("Command foo not allowed by ACL");
});
