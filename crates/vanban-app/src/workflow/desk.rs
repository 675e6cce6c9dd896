//! What a person's screen needs beside the document itself: the directory of their body (to
//! pick units, recipient groups and the signer from), a document as their editor opens it with
//! what they may do with it now, and for a reviewer what changed since they last approved or
//! returned it.

use chrono::NaiveDate;
use serde::Serialize;
use vanban_core::Document;
use vanban_core::model::{Authority, AuthorityKind};
use vanban_render::style::StyleSheet;
use vanban_store::{
    Body, Distribution, DocumentId, DocumentRecord, DocumentSummary, ListQuery, NewDistribution,
    Person, RecipientGroup, Register, Role, SignatureStage, Stamp, State, Unit,
};

use super::{Action, DiffLine, History, KeySources, Result, Which, Workflow};
use crate::Error;

/// Someone who may sign the body's documents, with the authority lines they sign under.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignerChoice {
    /// Login.
    pub login: String,
    /// Name as printed under the signature.
    pub name: String,
    /// The title printed above the name ("PHÓ GIÁM ĐỐC").
    pub title: String,
    /// The authority lines above the title (KT. GIÁM ĐỐC), empty when signing in one's own
    /// right.
    pub authority: Vec<Authority>,
}

/// A delegation as the directory screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelegationEntry {
    /// Who signs (login).
    pub to: String,
    /// KT, TL, TUQ or Q.
    pub kind: AuthorityKind,
    /// For which head ("GIÁM ĐỐC").
    pub of: String,
    /// First day.
    pub valid_from: NaiveDate,
    /// Last day.
    pub valid_to: Option<NaiveDate>,
}

/// The directory of one body, as a person of that body sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BodyDirectory {
    /// The body; none for a person who belongs to no body (the administrator of an empty
    /// database).
    pub body: Option<Body>,
    /// Its units.
    pub units: Vec<Unit>,
    /// Its people.
    pub people: Vec<Person>,
    /// Its recipient groups.
    pub recipient_groups: Vec<RecipientGroup>,
    /// Its outgoing registers.
    pub registers: Vec<Register>,
    /// Its delegations.
    pub delegations: Vec<DelegationEntry>,
    /// Who may sign, and how, on `day`.
    pub signers: Vec<SignerChoice>,
}

/// A stored document as a person's editor opens it: the current revision, what they may do
/// with it now, everything that happened to it, and what signing it or issuing it needs.
#[derive(Debug, Clone)]
pub struct OpenedDocument {
    /// The document as stored.
    pub record: DocumentRecord,
    /// Its current revision, read into the model.
    pub document: Document,
    /// Those of the actions asked about that the person may take now.
    pub allowed: Vec<Action>,
    /// Its revisions, states, comments and distributions.
    pub history: History,
    /// The signer signed it digitally (a signed PDF is kept).
    pub signed_digitally: bool,
    /// How the person's key is opened, when they may sign it now.
    pub my_key: Option<KeySources>,
    /// How the body's key is opened, when the person may issue it now and it was signed
    /// digitally.
    pub body_key: Option<KeySources>,
    /// The body's style sheet, for the live preview.
    pub sheet: StyleSheet,
}

/// What changed since a reviewer last decided on a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewChanges {
    /// The revision the reviewer approved or returned.
    pub since: u32,
    /// The revision shown now.
    pub current: u32,
    /// The text a reader sees, line by line, marked same, removed or added.
    pub lines: Vec<DiffLine>,
}

impl Workflow {
    /// The directory of `login`'s body; the signers are those with the signer role, each in
    /// their own right and under every delegation in force on `day`.
    pub fn body_directory(&self, login: &str, day: NaiveDate) -> Result<BodyDirectory> {
        let person = self
            .store
            .person(login)?
            .ok_or_else(|| Error::UnknownUser(login.to_owned()))?;
        let Some(body_id) = person.body else {
            return Ok(BodyDirectory {
                body: None,
                units: Vec::new(),
                people: vec![person],
                recipient_groups: Vec::new(),
                registers: Vec::new(),
                delegations: Vec::new(),
                signers: Vec::new(),
            });
        };
        let people: Vec<Person> = self
            .store
            .people()?
            .into_iter()
            .filter(|p| p.body == Some(body_id))
            .collect();
        let mut delegations = Vec::new();
        let mut signers = Vec::new();
        for p in &people {
            let own = self.store.delegations_to(p.id)?;
            let title = p.titles.first().cloned().unwrap_or_default();
            if p.has(Role::Signer) {
                signers.push(SignerChoice {
                    login: p.login.clone(),
                    name: p.name.clone(),
                    title: title.clone(),
                    authority: Vec::new(),
                });
            }
            for d in own.iter().filter(|d| d.body == body_id) {
                delegations.push(DelegationEntry {
                    to: p.login.clone(),
                    kind: d.kind,
                    of: d.of.clone(),
                    valid_from: d.valid_from,
                    valid_to: d.valid_to,
                });
                if p.has(Role::Signer) && d.covers(day) {
                    signers.push(SignerChoice {
                        login: p.login.clone(),
                        name: p.name.clone(),
                        title: title.clone(),
                        authority: vec![Authority {
                            kind: d.kind,
                            of: d.of.clone(),
                        }],
                    });
                }
            }
        }
        Ok(BodyDirectory {
            body: self.store.body(body_id)?,
            units: self.store.units(body_id)?,
            recipient_groups: self.store.recipient_groups(body_id)?,
            registers: self.store.registers(body_id)?,
            people,
            delegations,
            signers,
        })
    }

    /// Which of `actions` `login` may take on the document now (the buttons to offer).
    pub fn allowed_actions(
        &self,
        login: &str,
        record: &DocumentRecord,
        actions: &[Action],
    ) -> Result<Vec<Action>> {
        let person = self
            .store
            .person(login)?
            .ok_or_else(|| Error::UnknownUser(login.to_owned()))?;
        Ok(actions
            .iter()
            .copied()
            .filter(|a| self.may_act(&person, *a, Some(record)).is_ok())
            .collect())
    }

    /// A document as `stamp`'s person opens it, with which of `actions` they may take now (the
    /// buttons to offer): what a front shows after opening it and after each step of the
    /// workflow, read in one go.
    pub fn opened(
        &self,
        stamp: &Stamp,
        id: DocumentId,
        actions: &[Action],
    ) -> Result<OpenedDocument> {
        let (record, _, document) = self.load_document(id, Which::Current)?;
        let allowed = self.allowed_actions(&stamp.person, &record, actions)?;
        // Asked only where they matter: a signed PDF is kept only from the SIGNED change on,
        // the person's key only when they may sign now, the body's when they may issue a
        // document signed digitally.
        let signed_digitally = matches!(record.state, State::Signed | State::Issued)
            && self
                .signed_pdfs(id)?
                .iter()
                .any(|f| f.stage == SignatureStage::Signer);
        let my_key = if allowed.contains(&Action::Sign) {
            Some(self.signing_key_sources(stamp)?)
        } else {
            None
        };
        let body_key = if allowed.contains(&Action::Issue) && signed_digitally {
            Some(self.issuing_key_sources(stamp, id)?)
        } else {
            None
        };
        Ok(OpenedDocument {
            history: self.history(id)?,
            sheet: self.style_sheet(stamp)?,
            record,
            document,
            allowed,
            signed_digitally,
            my_key,
            body_key,
        })
    }

    /// What changed in the document since `login` last approved or returned it: none when they
    /// never did (everything is new to them).
    pub fn changes_since_review(
        &self,
        login: &str,
        id: DocumentId,
    ) -> Result<Option<ReviewChanges>> {
        let (record, _, _) = self.load_document(id, Which::Current)?;
        let states = self.store.history(id)?;
        let decided = states.iter().rev().find(|c| {
            c.person == login
                && (c.to == State::Approved
                    || (c.to == State::Draft
                        && matches!(c.from, Some(State::InReview | State::Approved))))
        });
        let Some(decided) = decided else {
            return Ok(None);
        };
        Ok(Some(ReviewChanges {
            since: decided.revision,
            current: record.current_revision,
            lines: self.diff(id, decided.revision, record.current_revision)?,
        }))
    }

    /// The documents waiting for `login` to act ("Chờ tôi xử lý"): to approve or return when
    /// they review, to sign when they are the named signer, to issue when they keep the
    /// register — most recently changed first.
    pub fn waiting_for(&self, login: &str) -> Result<Vec<DocumentSummary>> {
        let person = self
            .store
            .person(login)?
            .ok_or_else(|| Error::UnknownUser(login.to_owned()))?;
        let mut out = Vec::new();
        for (state, action) in [
            (State::InReview, Action::Approve),
            (State::Approved, Action::Sign),
            (State::Signed, Action::Issue),
        ] {
            if !action.roles().iter().any(|r| person.has(*r)) {
                continue;
            }
            let query = ListQuery {
                state: Some(state),
                limit: 500,
                offset: 0,
            };
            for summary in self.store.list_documents(&query)? {
                let (record, _, doc) = self.load_document(summary.id, Which::Current)?;
                if self.may_act(&person, action, Some(&record)).is_err() {
                    continue;
                }
                if action == Action::Sign
                    && super::lifecycle::name_key(&doc.signature.name)
                        != super::lifecycle::name_key(&person.name)
                {
                    continue;
                }
                out.push(summary);
            }
        }
        out.sort_by_key(|s| std::cmp::Reverse(s.updated_at));
        Ok(out)
    }

    /// Records that the issued document was sent to `recipient` today (the stamp's day), by
    /// `channel` ("Trục liên thông", "Bưu điện", "Thư điện tử"…).
    pub fn distribute_today(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        recipient: &str,
        channel: &str,
        note: Option<&str>,
    ) -> Result<Distribution> {
        self.record_distribution(
            stamp,
            &NewDistribution {
                document: id,
                recipient: recipient.trim().to_owned(),
                channel: channel.trim().to_owned(),
                sent_on: stamp.at.date_naive(),
                note: note
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned),
            },
        )
    }
}
