//! Exporting many documents in one process: an [`Exporter`] keeps the font metrics and one
//! Typst typesetter (its fonts parsed, its template compiled and Typst's memo cache warm) for
//! every document it writes, so that the second and later documents pay none of the cold start
//! that a process of their own would pay again.

use std::path::Path;

use vanban_core::Document;
use vanban_core::validate;
use vanban_render::metrics::{FontFiles, Metrics};
use vanban_render::pdf::{Created, PdfError, Typesetter};
use vanban_render::style::StyleSheet;

use crate::{AppError, ExportFormat, title_of, write_atomic};

/// How many typesettings an unused entry of Typst's memo cache survives in a batch: the
/// template's entries are used by every document and stay; a finished document's go.
const CACHE_AGE: usize = 4;

/// Writes DOCX and PDF files of documents, one after the other, sharing its fonts and
/// typesetter.
pub struct Exporter<'a> {
    typeface: FontFiles<'a>,
    metrics: Metrics<'a>,
    /// Made at the first PDF (a batch of DOCX files needs no Typst).
    typesetter: Option<Typesetter>,
}

impl std::fmt::Debug for Exporter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exporter").finish_non_exhaustive()
    }
}

impl<'a> Exporter<'a> {
    /// An exporter typesetting in `typeface` (the bundled one, or the system's Times New Roman:
    /// see [`crate::typeface`]).
    pub fn new(typeface: FontFiles<'a>) -> Result<Exporter<'a>, AppError> {
        let metrics =
            Metrics::new(typeface).map_err(|e| AppError::Pdf(PdfError::Fonts(e.to_string())))?;
        Ok(Exporter {
            typeface,
            metrics,
            typesetter: None,
        })
    }

    /// The file of a document as bytes; a document with errors is refused
    /// ([`AppError::Invalid`]) like every export.
    pub fn bytes(
        &mut self,
        doc: &Document,
        sheet: &StyleSheet,
        format: ExportFormat,
        created: Created,
    ) -> Result<Vec<u8>, AppError> {
        let report = validate::validate(doc);
        if !report.is_ok() {
            return Err(AppError::Invalid(report));
        }
        let mut doc = doc.clone();
        vanban_core::normalize::to_nfc_document(&mut doc);
        let layout = vanban_render::layout(&doc, sheet, &mut self.metrics);
        match format {
            ExportFormat::Docx => Ok(vanban_render::docx::write(&layout, sheet)?),
            ExportFormat::Pdf(kind) => {
                let typesetter = match &mut self.typesetter {
                    Some(t) => t,
                    None => self.typesetter.insert(Typesetter::new(self.typeface)?),
                };
                let pdf = typesetter.pdf(&layout, sheet, &title_of(&doc), kind, Some(created))?;
                Typesetter::evict_cache(CACHE_AGE);
                Ok(pdf)
            }
        }
    }

    /// Writes the file of a document to `output`, atomically (see [`write_atomic`]).
    pub fn export(
        &mut self,
        doc: &Document,
        output: &Path,
        sheet: &StyleSheet,
        format: ExportFormat,
        created: Created,
    ) -> Result<(), AppError> {
        let bytes = self.bytes(doc, sheet, format, created)?;
        write_atomic(output, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_render::fonts;

    fn long_an() -> Document {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json");
        crate::open_document(&path).expect("Long An plan")
    }

    const CREATED: Created = Created {
        year: 2025,
        month: 3,
        day: 4,
        hour: 5,
        minute: 6,
        second: 7,
    };

    #[test]
    fn one_exporter_writes_the_same_files_as_an_export_each() {
        let doc = long_an();
        let sheet = StyleSheet::nd30();
        let mut exporter = Exporter::new(fonts::liberation_serif()).expect("exporter");
        let format = ExportFormat::Pdf(vanban_render::pdf::PdfKind::Standard);
        let first = exporter
            .bytes(&doc, &sheet, format, CREATED)
            .expect("first");
        let mut letter = crate::new_document(vanban_core::DocumentType::CongVan);
        letter.subject = "Về việc thử".into();
        // Another document between the two, through the same typesetter.
        let _ = exporter.bytes(&letter, &sheet, format, CREATED);
        let again = exporter
            .bytes(&doc, &sheet, format, CREATED)
            .expect("again");
        let alone = crate::pdf_bytes(&doc, &sheet, vanban_render::pdf::PdfKind::Standard, CREATED)
            .expect("alone");
        assert_eq!(first, alone, "a warm typesetter writes the same PDF");
        assert_eq!(again, alone);
        let docx = exporter
            .bytes(&doc, &sheet, ExportFormat::Docx, CREATED)
            .expect("docx");
        assert_eq!(
            docx,
            crate::docx_bytes(&doc, &sheet).expect("docx alone"),
            "the shared metrics measure the same rules"
        );
    }

    #[test]
    fn a_document_with_errors_is_refused_and_the_next_one_is_exported() {
        let sheet = StyleSheet::nd30();
        let mut exporter = Exporter::new(fonts::liberation_serif()).expect("exporter");
        let empty = crate::new_document(vanban_core::DocumentType::KeHoach);
        let format = ExportFormat::Pdf(vanban_render::pdf::PdfKind::Standard);
        assert!(matches!(
            exporter.bytes(&empty, &sheet, format, CREATED),
            Err(AppError::Invalid(_))
        ));
        let pdf = exporter
            .bytes(&long_an(), &sheet, format, CREATED)
            .expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
