import { describe, expect, it } from "vitest";
import { ROLE, roleNames, tabLabel, waitsForMe } from "./labels";

describe("roles reach the UI as codes", () => {
  it("decides what waits for a person by the codes the shell sends", () => {
    expect(waitsForMe([ROLE.reviewer])).toBe(true);
    expect(waitsForMe(["registry-clerk"])).toBe(true);
    expect(waitsForMe(["drafter"])).toBe(false);
    expect(tabLabel("waiting", ["signer"])).toBe("Chờ tôi duyệt");
    expect(tabLabel("waiting", ["registry-clerk"])).toBe("Chờ ban hành");
  });

  it("names the roles in Vietnamese, and shows an unknown code as it is", () => {
    expect(roleNames(["reviewer", "signer"])).toBe("người duyệt, người ký");
    expect(roleNames(["admin", "registry-clerk"])).toBe("quản trị, văn thư");
    expect(roleNames(["drafter", "focal-point"])).toBe("chuyên viên soạn thảo, đầu mối của đơn vị");
    expect(roleNames(["auditor"])).toBe("auditor");
  });
});
