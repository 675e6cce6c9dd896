// When a screen reaches the glass, as User Timing marks (`performance.mark`) that anyone can
// read with `performance.getEntriesByName(name)`: the e2e measures the start of the app and
// the way to the list from them, inside the window, where WebDriver's round trips add nothing.

/** The marks this app leaves. */
export const SHOWN = {
  /** The start screen with the people to pick from. */
  people: "vanban:people",
  /** The list of documents of the person just picked. */
  list: "vanban:list",
} as const;

/** Marks `name` once the frame showing what the page holds now has been drawn: the second
 * animation frame from now comes after it (a frame late at most, never early). */
export function markShown(name: (typeof SHOWN)[keyof typeof SHOWN]): void {
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark(name)));
}
