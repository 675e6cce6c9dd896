//! The entries of a body's directory that the directory screen adds or changes by a key
//! unique in the body — a unit by its abbreviation, a recipient group or a register by its
//! name — and the three statements both stores run for such an edit: is the key another
//! entry's, change the entry that had the previous key, add a new one.

/// A kind of keyed entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Keyed {
    /// Its table.
    pub table: &'static str,
    /// The key's column.
    pub key: &'static str,
    /// The columns an edit sets, the key's among them.
    pub columns: &'static [&'static str],
    /// What it is called in messages.
    pub what: &'static str,
}

impl Keyed {
    pub const UNIT: Keyed = Keyed {
        table: "units",
        key: "abbreviation",
        columns: &["abbreviation", "name", "active"],
        what: "đơn vị",
    };
    pub const GROUP: Keyed = Keyed {
        table: "recipient_groups",
        key: "name",
        columns: &["name", "members"],
        what: "nhóm nơi nhận",
    };
    pub const REGISTER: Keyed = Keyed {
        table: "registers",
        key: "name",
        columns: &["name", "doc_types", "secret"],
        what: "sổ văn bản đi",
    };

    /// Whether a key is taken in a body: parameters body, key.
    pub fn select_sql(&self, mark: fn(usize) -> String) -> String {
        format!(
            "SELECT 1 FROM {} WHERE body_id = {} AND {} = {}",
            self.table,
            mark(1),
            self.key,
            mark(2)
        )
    }

    /// Changes the entry with a key: parameters the columns' values, then body, previous key.
    pub fn update_sql(&self, mark: fn(usize) -> String) -> String {
        let n = self.columns.len();
        let sets: Vec<String> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = {}", mark(i + 1)))
            .collect();
        format!(
            "UPDATE {} SET {} WHERE body_id = {} AND {} = {}",
            self.table,
            sets.join(", "),
            mark(n + 1),
            self.key,
            mark(n + 2)
        )
    }

    /// Adds an entry: parameters body, then the columns' values.
    pub fn insert_sql(&self, mark: fn(usize) -> String) -> String {
        let marks: Vec<String> = (1..=self.columns.len() + 1).map(mark).collect();
        format!(
            "INSERT INTO {} (body_id, {}) VALUES ({})",
            self.table,
            self.columns.join(", "),
            marks.join(", ")
        )
    }
}
