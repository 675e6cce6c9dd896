import { describe, expect, it } from "vitest";
import { addMember, isPin, memberKey, moveMember, removeMember, titlesFromText } from "./members";

describe("recipient group members", () => {
  const three = ["UBND huyện A", "UBND huyện B", "UBND huyện C"];

  it("moves a member up and down one place, leaving the old list alone", () => {
    expect(moveMember(three, 2, -1)).toEqual(["UBND huyện A", "UBND huyện C", "UBND huyện B"]);
    expect(moveMember(three, 0, 1)).toEqual(["UBND huyện B", "UBND huyện A", "UBND huyện C"]);
    expect(three).toEqual(["UBND huyện A", "UBND huyện B", "UBND huyện C"]);
  });

  it("does not move the first up or the last down", () => {
    expect(moveMember(three, 0, -1)).toBe(three);
    expect(moveMember(three, 2, 1)).toBe(three);
    expect(moveMember(three, 7, 1)).toBe(three);
  });

  it("removes one member", () => {
    expect(removeMember(three, 1)).toEqual(["UBND huyện A", "UBND huyện C"]);
  });

  it("adds at the end, trimmed, and refuses a blank or repeated name", () => {
    expect(addMember(three, "  UBND huyện D ")).toEqual({ members: [...three, "UBND huyện D"], error: null });
    expect(addMember(three, "   ").error).toBe("Nhập tên nơi nhận trước khi thêm.");
    const again = addMember(three, "ubnd  HUYỆN b (b/c)");
    expect(again.members).toBe(three);
    expect(again.error).toContain("đã có trong nhóm");
  });

  it("compares decomposed and composed Vietnamese alike", () => {
    expect(memberKey("Sở Tư pháp")).toBe(memberKey("Sở Tư pháp".normalize("NFD")));
  });
});

describe("person form", () => {
  it("reads one title per line, blank lines dropped", () => {
    expect(titlesFromText("PHÓ GIÁM ĐỐC\n\n  CHÁNH VĂN PHÒNG \n")).toEqual(["PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]);
  });

  it("accepts a PIN of 4 to 8 digits only", () => {
    expect(["1234", "12345678"].every(isPin)).toBe(true);
    expect(["123", "123456789", "12a4", " 1234", ""].some(isPin)).toBe(false);
  });
});
