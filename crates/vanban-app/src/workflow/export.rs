//! A stored document to a file: the issued revision once issued (number and date filled),
//! else the current one; as PDF, the signed file once signed digitally; with its body's style
//! profile. Refused while the document has errors, written atomically, recorded in the audit
//! record.

use std::path::Path;

use vanban_core::Document;
use vanban_store::{DocumentId, Event, Stamp};

use super::{Result, Which, Workflow};
use crate::export::{ExportFormat, ExportOptions, Exporter};

impl Workflow {
    /// The document to export: the issued revision once issued, else the current one. Records
    /// nothing; call [`Workflow::record_export`] once the file is written.
    pub fn document_for_export(&self, id: DocumentId) -> Result<Document> {
        Ok(self.load_document(id, Which::Current)?.2)
    }

    /// Records in the audit record that a document was exported to a file.
    pub fn record_export(&mut self, stamp: &Stamp, id: DocumentId, target: &str) -> Result<()> {
        self.actor(stamp)?;
        let (_, revision, _) = self.load_document(id, Which::Current)?;
        self.store.record_event(
            &Event {
                action: "export".into(),
                document: Some(id),
                revision_hash: Some(revision.info.content_hash),
                details: serde_json::json!({ "target": target, "revision": revision.info.no }),
            },
            stamp,
        )?;
        Ok(())
    }

    /// Exports a stored document to `path` through `exporter`, with `options`' style sheet or
    /// else the body's profile (the sheet it was signed with, once signed digitally). A
    /// document signed digitally exports as PDF as its signed file: a PDF made again would not
    /// carry the signatures.
    pub fn export_stored(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        path: &Path,
        options: &ExportOptions<'_>,
        exporter: &mut Exporter<'_>,
    ) -> Result<()> {
        if let ExportFormat::Pdf(_) = options.format
            && let Some(signed) = self.signed_pdf(id)?
        {
            crate::write_atomic(path, &signed.pdf)?;
            return self.record_export(stamp, id, &path.display().to_string());
        }
        let doc = self.document_for_export(id)?;
        let sheet = match options.sheet {
            Some(sheet) => sheet.clone(),
            None => self.document_style(id)?,
        };
        exporter.to_file(
            &doc,
            path,
            &ExportOptions {
                sheet: Some(&sheet),
                ..*options
            },
        )?;
        self.record_export(stamp, id, &path.display().to_string())
    }
}

/// The file name to offer for a stored document: its number and symbol once issued
/// ("01-KH-STTTT.pdf"), else the draft's id ("du-thao-12.pdf").
pub fn export_file_name(id: DocumentId, doc: &Document, extension: &str) -> String {
    let stem = match doc.header.number {
        Some(n) => format!(
            "{n:02}-{}",
            vanban_core::plain::document_symbol(doc).replace('/', "-")
        ),
        None => format!("du-thao-{id}"),
    };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_and_an_issued_document_get_readable_file_names() {
        let mut doc = crate::new_document(vanban_core::DocumentType::KeHoach);
        assert_eq!(export_file_name(12, &doc, "pdf"), "du-thao-12.pdf");
        doc.header.issuing_body.abbreviation = Some("STTTT".into());
        doc.header.number = Some(1);
        assert_eq!(export_file_name(12, &doc, "docx"), "01-KH-STTTT.docx");
    }
}
