//! Reading stored documents: a revision back into the model, the history, the changes between
//! two revisions, the list, the search, and the audit chain's check.

use serde::Serialize;
use vanban_core::{Document, exchange, plain};
use vanban_store::{
    Comment, DocumentId, DocumentRecord, DocumentSummary, ListQuery, Revision, RevisionInfo,
    StateChangeRecord, StoreError, audit::Verification,
};

use super::{DiffLine, Result, Which, Workflow, diff_lines};
use crate::Error;

/// A document with everything that happened to it.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// The document.
    pub document: DocumentRecord,
    /// Its revisions.
    pub revisions: Vec<RevisionInfo>,
    /// Its states.
    pub states: Vec<StateChangeRecord>,
    /// Comments.
    pub comments: Vec<Comment>,
    /// Where it was sent.
    pub distributions: Vec<vanban_store::Distribution>,
    /// What the recipients of its edXML packages answered, oldest first (each message kept).
    pub statuses: Vec<vanban_store::DistributionStatus>,
}

impl Workflow {
    /// A document as it is stored, read back into the model.
    pub fn load_document(
        &self,
        id: DocumentId,
        which: Which,
    ) -> Result<(DocumentRecord, Revision, Document)> {
        let record = self.loaded(id)?;
        let no = match which {
            Which::Current => record.current_revision,
            Which::Revision(no) => no,
            Which::Issued => record.issued_revision.ok_or(Error::WrongState {
                document: id,
                action: "lấy bản ban hành của",
                state: record.state,
                allowed: "đã ban hành",
            })?,
        };
        let revision = self
            .store
            .revision(id, no)?
            .ok_or(StoreError::NoRevision { document: id, no })?;
        let doc = exchange::from_str(&revision.json).map_err(Error::StoredDocument)?;
        Ok((record, revision, doc))
    }

    /// Everything that happened to a document.
    pub fn history(&self, id: DocumentId) -> Result<History> {
        Ok(History {
            document: self.loaded(id)?,
            revisions: self.store.revisions(id)?,
            states: self.store.history(id)?,
            comments: self.store.comments(id)?,
            distributions: self.store.distributions(id)?,
            statuses: self.store.distribution_statuses(id)?,
        })
    }

    /// What changed between two revisions, line by line, in the text a reader sees.
    pub fn diff(&self, id: DocumentId, from: u32, to: u32) -> Result<Vec<DiffLine>> {
        let (_, _, a) = self.load_document(id, Which::Revision(from))?;
        let (_, _, b) = self.load_document(id, Which::Revision(to))?;
        let a = plain::to_string(&plain::plain_text(&a));
        let b = plain::to_string(&plain::plain_text(&b));
        Ok(diff_lines(&a, &b))
    }

    /// A page of documents, most recently changed first.
    pub fn list(&self, query: &ListQuery) -> Result<Vec<DocumentSummary>> {
        Ok(self.store.list_documents(query)?)
    }

    /// Documents whose subject or text holds every word, accents ignored.
    pub fn search(&self, text: &str, limit: u32) -> Result<Vec<DocumentSummary>> {
        Ok(self.store.search(text, limit)?)
    }

    /// Checks the audit chain.
    pub fn verify_audit(&self) -> Result<Verification> {
        Ok(self.store.verify_audit()?)
    }
}
