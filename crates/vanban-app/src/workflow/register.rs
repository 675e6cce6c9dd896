//! The outgoing register (Sổ đăng ký văn bản đi): its entries of a year, printed as the
//! decree's form (Phụ lục IV) as PDF or DOCX, or as a CSV table for spreadsheets; exporting it
//! to a file is recorded in the audit record. (Numbering a document into it is part of issuing:
//! [`Workflow::issue`].)

use std::path::Path;

use chrono::Datelike;
use vanban_core::format;
use vanban_render::fonts;
use vanban_render::pdf::{Created, PdfKind, Typesetter};
use vanban_render::register::{RegisterForm, RegisterRow};
use vanban_render::style::StyleSheet;
use vanban_store::{Event, RegisterEntry, RegisterId, Stamp, StoreError};

use super::{Result, Workflow};
use crate::Error;
use crate::export::ExportFormat;

/// The register's file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFormat {
    /// The printed form, PDF.
    Pdf,
    /// The printed form, Word.
    Docx,
    /// A table for spreadsheets.
    Csv,
}

impl Workflow {
    /// Records in the audit record that the register of a year was printed or exported.
    pub fn record_register_export(&mut self, stamp: &Stamp, year: i32, target: &str) -> Result<()> {
        self.actor(stamp)?;
        self.store.record_event(
            &Event {
                action: "register-export".into(),
                document: None,
                revision_hash: None,
                details: serde_json::json!({ "target": target, "year": year }),
            },
            stamp,
        )?;
        Ok(())
    }

    /// The outgoing register of a year.
    pub fn register(&self, year: i32) -> Result<Vec<RegisterEntry>> {
        Ok(self.store.register_entries(year, None)?)
    }

    /// The outgoing registers of a year as the decree's printed form, one per register that
    /// has entries, in register order. Refused when the year has none: there is nothing to print.
    pub fn register_forms(&self, year: i32) -> Result<Vec<RegisterForm>> {
        let entries = self.store.register_entries(year, None)?;
        if entries.is_empty() {
            return Err(Error::EmptyRegister(year));
        }
        let mut forms: Vec<(RegisterId, RegisterForm)> = Vec::new();
        for e in &entries {
            if forms.last().is_none_or(|(id, _)| *id != e.register) {
                let body = self
                    .store
                    .body(e.body)?
                    .ok_or_else(|| StoreError::NotInDirectory {
                        what: "cơ quan",
                        key: e.body.to_string(),
                    })?;
                forms.push((
                    e.register,
                    RegisterForm {
                        parent_body: body.parent_name.clone(),
                        body: body.name.clone(),
                        register_name: e.register_name.clone(),
                        year,
                        rows: Vec::new(),
                    },
                ));
            }
            if let Some((_, form)) = forms.last_mut() {
                form.rows.push(register_row(e));
            }
        }
        Ok(forms.into_iter().map(|(_, f)| f).collect())
    }

    /// Writes the outgoing register of `year` to `path`: the decree's form as PDF or DOCX, with
    /// the body's style profile, or a CSV table; atomically, and recorded in the audit record.
    pub fn export_register(
        &mut self,
        stamp: &Stamp,
        year: i32,
        path: &Path,
        format: RegisterFormat,
        created: Created,
    ) -> Result<()> {
        let bytes = match format {
            RegisterFormat::Csv => register_csv(&self.register(year)?).into_bytes(),
            RegisterFormat::Pdf | RegisterFormat::Docx => {
                let forms = self.register_forms(year)?;
                let sheet = self.style_sheet(stamp)?;
                let format = match format {
                    RegisterFormat::Docx => ExportFormat::Docx,
                    _ => ExportFormat::Pdf(PdfKind::Standard),
                };
                register_bytes(&forms, &sheet, format, created)?
            }
        };
        crate::write_atomic(path, &bytes)?;
        self.record_register_export(stamp, year, &path.display().to_string())
    }
}

/// The outgoing register printed as the decree's form, as DOCX or PDF bytes, with the body's
/// style sheet.
pub fn register_bytes(
    forms: &[RegisterForm],
    sheet: &StyleSheet,
    format: ExportFormat,
    created: Created,
) -> Result<Vec<u8>> {
    let layout = vanban_render::register::layout(forms, sheet);
    Ok(match format {
        ExportFormat::Docx => vanban_render::docx::write(&layout, sheet)?,
        ExportFormat::Pdf(kind) => {
            let title = match forms.first() {
                Some(f) => format!("Sổ đăng ký văn bản đi năm {} – {}", f.year, f.body),
                None => "Sổ đăng ký văn bản đi".to_owned(),
            };
            Typesetter::new(fonts::liberation_serif())?.pdf(
                &layout,
                sheet,
                &title,
                kind,
                Some(created),
            )?
        }
    })
}

/// The register as the decree's form (Phụ lục IV), in CSV: UTF-8 with a byte-order mark so
/// that Excel on Windows shows the Vietnamese letters, one line per entry.
pub fn register_csv(entries: &[RegisterEntry]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: &[String], out: &mut String| {
        let quoted: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    let mut header: Vec<String> = vanban_render::register::COLUMNS
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
    header.push("Sổ".to_owned());
    line(&header, &mut out);
    for e in entries {
        let row = register_row(e);
        let mut cells: Vec<String> = row.cells().iter().map(|c| (*c).to_owned()).collect();
        cells.push(e.register_name.clone());
        line(&cells, &mut out);
    }
    out
}

/// A register entry as the form prints it.
fn register_row(e: &RegisterEntry) -> RegisterRow {
    let date = |d: chrono::NaiveDate| {
        format::numeric_date(vanban_core::model::CalendarDate {
            year: d.year(),
            month: d.month() as u8,
            day: d.day() as u8,
        })
    };
    RegisterRow {
        number_symbol: e.number_symbol.clone(),
        date: date(e.issued_on),
        type_and_subject: e.details.type_and_subject.clone(),
        signer: e.details.signer.clone(),
        recipients: e.details.recipients.clone(),
        file_copy: e.details.file_copy.clone(),
        copies: e.details.copies.map(|c| c.to_string()).unwrap_or_default(),
        sent_on: e.first_sent_on.map(date).unwrap_or_default(),
        notes: String::new(),
    }
}

/// A CSV cell, quoted when it holds a comma, quote or line break; a leading "=", "+", "-" or
/// "@" is prefixed with a quote mark so a spreadsheet does not run it as a formula.
pub(super) fn csv_cell(s: &str) -> String {
    let mut s = s.to_owned();
    if s.starts_with(['=', '+', '-', '@']) {
        s.insert(0, '\'');
    }
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting_and_defuses_formulas() {
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("Lê Văn Cường"), "Lê Văn Cường");
    }
}
