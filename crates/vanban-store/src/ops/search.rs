//! Finding documents by the words of their subject and text.
//!
//! Search ranks candidates, not every match: a common word is in most documents, and ranking
//! a hundred thousand of them (bm25 reads every document's length and every word's count) is
//! what made a search slow. First come the documents whose subject holds every word — the
//! newest thousand of them ranked by the database's own measure (bm25 in SQLite, `ts_rank` on
//! the server) — then, when there are fewer than asked for, the newest documents whose text
//! holds them.

use super::documents::SUMMARY_SELECT;
use crate::db::Param;
use crate::types::*;
use crate::{Result, Store};

impl Store {
    /// Documents whose subject or text contains every word of `text` (the last one as a
    /// prefix, so a search grows as it is typed), accents and "đ" ignored, best match first.
    pub fn search(&self, text: &str, limit: u32) -> Result<Vec<DocumentSummary>> {
        self.read(|tx| {
            let mut ids = tx.hits(text, true, limit)?;
            if ids.len() < limit as usize {
                for id in tx.hits(text, false, limit)? {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            ids.truncate(limit as usize);
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
            let params: Vec<&dyn Param> = ids.iter().map(|id| id as &dyn Param).collect();
            let sql = format!("{SUMMARY_SELECT} WHERE d.id IN ({})", marks.join(", "));
            let mut found: Vec<DocumentSummary> = tx.all(&sql, &params)?;
            found.sort_by_key(|d| ids.iter().position(|id| *id == d.id));
            Ok(found)
        })
    }
}
