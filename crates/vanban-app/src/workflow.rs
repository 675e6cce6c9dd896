//! The use cases over a database ([`Workflow`]), one method each, by topic:
//!
//! - [`open`](open()) / [`init`] and their `_at` forms: opening and creating the database;
//! - `action`: who may do what from which state ([`Action`], [`Workflow::may_act`]);
//! - `lifecycle`: create, save, submit, comment, return, approve, sign, issue, discard, copy,
//!   distribute;
//! - `documents`: reading them back, history, diff, list, search, audit;
//! - `register`: the outgoing register, its printed form and its CSV;
//! - `export`: a stored document to a file;
//! - `exchange`: the national exchange package (edXML) of an issued document, sent through a
//!   `Transport`, and the status messages its recipients send back;
//! - `tasks`: following issued plans — the tracking screen, reports, the follower, reminders,
//!   the báo cáo drafted from the reports, the tracking table's export;
//! - `signing`, `pin`, `directory`, `style`, `templates`, `desk` (what a person's screen
//!   needs), `demo`.
//!
//! Each use case checks who may do it and from which state, then calls the [`Store`], and
//! returns a typed [`Error`](crate::Error) saying in Vietnamese what was refused and why. The
//! acting person and the moment come in as a [`Stamp`]; nothing here reads the clock or the
//! logged-in user.

use vanban_store::{DocumentId, DocumentRecord, Person, Store, StoreError};

use crate::Error;
pub use crate::Result;

pub use chrono;
pub use vanban_store::{self as store, Stamp};

mod action;
mod copies;
mod demo;
mod desk;
mod diff;
mod directory;
mod documents;
mod exchange;
mod export;
mod lifecycle;
mod open;
mod pin;
mod register;
mod sending;
mod signing;
mod style;
mod tasks;
mod templates;

pub use action::{Action, Which};
pub use copies::{Certified, CertifyRequest, CopyChoices, CopyForm};
pub use demo::demo_directory;
pub use desk::{BodyDirectory, DelegationEntry, OpenedDocument, ReviewChanges, SignerChoice};
pub use diff::{DiffLine, diff_lines};
pub use directory::{
    CertificateInfo, EntryProblem, MAX_IMAGE_BYTES, certificate_info, check_delegation,
    check_directory, check_group, check_image, check_person, check_register,
    check_signing_material, check_unit,
};
pub use documents::History;
pub use exchange::{Sent, read_edxml_file, split_document_id};
pub use export::export_file_name;
pub use open::{copy_to_server, directory_text, init, init_at, open, open_at, read_directory};
pub use pin::{PinAttempts, is_pin};
pub use register::{RegisterFormat, register_bytes, register_csv};
pub use sending::{
    EmailOutcome, EmailRecipient, EmailRequest, EmailResult, EmailState, EmailStatus,
};
pub use signing::{KeySources, load_signing_files};
pub use style::StyleProfile;
pub use tasks::{
    DUE_SOON_DAYS, Follower, PlanFollower, Reminders, ReportInput, StatusFilter, TaskDetail,
    TaskFilter, TrackingFormat, due_words, file_attachment, tracking_csv,
};
pub use templates::{TEMPLATE_NAME_MAX, TemplateEntry, TemplateOrigin, template_title};

/// The use cases over a store.
#[derive(Debug)]
pub struct Workflow {
    store: Store,
}

impl Workflow {
    /// The use cases over a store.
    pub fn new(store: Store) -> Self {
        Workflow { store }
    }

    /// The store, for reading.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for tests that tamper with it.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    fn actor(&self, stamp: &Stamp) -> Result<Person> {
        self.store
            .person(&stamp.person)?
            .ok_or_else(|| Error::UnknownUser(stamp.person.clone()))
    }

    fn loaded(&self, id: DocumentId) -> Result<DocumentRecord> {
        Ok(self.store.document(id)?.ok_or(StoreError::NoDocument(id))?)
    }
}
