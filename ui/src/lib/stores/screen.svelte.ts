// Which screen is shown once a person is chosen (the editor takes over while a document is open).
export const ui = $state<{ screen: "list" | "registry" | "directory" }>({ screen: "list" });
