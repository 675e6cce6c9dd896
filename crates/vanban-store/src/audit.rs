//! The audit record's chain: each row's hash covers its own fields and the previous row's hash,
//! so editing, removing or reordering rows breaks the chain where it happened.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::types::AuditRow;

/// The "previous hash" of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// SHA-256 of bytes, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    (Sha256::digest(bytes).iter())
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hash of a row: SHA-256 over its fields, each prefixed with its length so that no two
/// different rows give the same bytes.
pub fn row_hash(row: &AuditRow) -> String {
    let mut bytes = Vec::new();
    let mut field = |s: &str| {
        bytes.extend_from_slice(s.len().to_string().as_bytes());
        bytes.push(b':');
        bytes.extend_from_slice(s.as_bytes());
        bytes.push(b';');
    };
    field(&row.seq.to_string());
    field(&row.at);
    field(&row.actor);
    field(&row.action);
    field(&row.document.map(|d| d.to_string()).unwrap_or_default());
    field(row.revision_hash.as_deref().unwrap_or(""));
    field(&row.details);
    field(&row.prev_hash);
    sha256_hex(&bytes)
}

/// What is wrong with one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// The row's fields no longer give its hash: it was edited.
    Edited {
        /// The row.
        seq: i64,
    },
    /// The row does not point at the row before it: a row was removed or the rows reordered.
    BrokenLink {
        /// The row.
        seq: i64,
    },
    /// Rows are missing: the numbering jumps.
    Missing {
        /// The first number missing.
        from: i64,
        /// The number found instead.
        found: i64,
    },
    /// Rows at the end were removed: the record ends before its recorded head.
    Truncated {
        /// The last row recorded.
        expected_last: i64,
        /// The last row found.
        found_last: i64,
    },
    /// The recorded head does not match the last row.
    HeadMismatch,
}

impl Problem {
    /// The problem in Vietnamese.
    pub fn message(&self) -> String {
        match self {
            Problem::Edited { seq } => format!("dòng {seq} đã bị sửa (mã băm không khớp nội dung)"),
            Problem::BrokenLink { seq } => format!(
                "dòng {seq} không nối với dòng trước (có dòng bị xóa, chèn hoặc đổi thứ tự)"
            ),
            Problem::Missing { from, found } => {
                format!("thiếu dòng từ {from} (dòng tiếp theo là {found})")
            }
            Problem::Truncated {
                expected_last,
                found_last,
            } => format!(
                "các dòng cuối đã bị xóa: nhật ký phải đến dòng {expected_last}, chỉ còn đến {found_last}"
            ),
            Problem::HeadMismatch => "dòng cuối không khớp với mã băm đầu chuỗi đã ghi".to_owned(),
        }
    }
}

/// The result of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Rows checked.
    pub rows: usize,
    /// The last row's hash (worth writing down: it vouches for everything before it).
    pub head: String,
    /// What is wrong; empty when the record is intact.
    pub problems: Vec<Problem>,
}

impl Verification {
    /// True when nothing is wrong.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks rows read in the order of their numbers against the recorded head (number and hash of
/// the last row appended).
pub fn verify(rows: &[AuditRow], head: Option<(i64, String)>) -> Verification {
    let mut problems = Vec::new();
    let mut prev = GENESIS.to_owned();
    let mut expected_seq = 1;
    for row in rows {
        if row.seq != expected_seq {
            problems.push(Problem::Missing {
                from: expected_seq,
                found: row.seq,
            });
        }
        if row.prev_hash != prev {
            problems.push(Problem::BrokenLink { seq: row.seq });
        }
        if row_hash(row) != row.hash {
            problems.push(Problem::Edited { seq: row.seq });
        }
        prev = row.hash.clone();
        expected_seq = row.seq + 1;
    }
    let last = rows.last().map_or(0, |r| r.seq);
    match head {
        Some((seq, hash)) => {
            if seq > last {
                problems.push(Problem::Truncated {
                    expected_last: seq,
                    found_last: last,
                });
            } else if seq != last || hash != prev {
                problems.push(Problem::HeadMismatch);
            }
        }
        None if !rows.is_empty() => problems.push(Problem::HeadMismatch),
        None => {}
    }
    Verification {
        rows: rows.len(),
        head: prev,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc_is_the_published_one() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
