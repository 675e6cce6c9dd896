//! The register printed as the decree's form (Phụ lục IV): its rows, and its CSV.

use chrono::Datelike;
use vanban_core::format;
use vanban_render::register::RegisterRow;
use vanban_store::RegisterEntry;

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
pub(super) fn register_row(e: &RegisterEntry) -> RegisterRow {
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
