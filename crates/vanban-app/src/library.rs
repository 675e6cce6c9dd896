//! The library of frequently cited documents: pick one and the legal basis gets a structured
//! reference (type, number and symbol, date, issuer, subject) instead of retyped text. The
//! shipped library is `templates/citations.txt` (one citation per line, written in full as a
//! first citation is; built into the program); an organisation keeps its own in a file of the
//! same form. Each line is read by `vanban_core::citation::parse`.

use vanban_core::citation;
use vanban_core::fold::fold;
use vanban_core::model::LegalReference;
use vanban_core::validate::{Code, Diagnostic, Severity};

/// The shipped library's text.
const SHIPPED: &str = include_str!("../../../templates/citations.txt");

/// A list of documents to cite.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    /// The documents, in the file's order.
    pub documents: Vec<LegalReference>,
}

/// A line of a library file that is not a citation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("dòng {line}: {message}")]
pub struct LibraryError {
    /// 1-based line number.
    pub line: usize,
    /// Why the parser refused it, in Vietnamese.
    pub message: String,
}

impl Library {
    /// Reads a library: one citation per line; blank lines and lines starting with `#` are
    /// skipped. Every line that is not a citation is reported.
    pub fn parse(text: &str) -> Result<Library, Vec<LibraryError>> {
        let mut documents = Vec::new();
        let mut errors = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match citation::parse(line) {
                Ok(r) => documents.push(r),
                Err(e) => errors.push(LibraryError {
                    line: i + 1,
                    message: e.to_string(),
                }),
            }
        }
        if errors.is_empty() {
            Ok(Library { documents })
        } else {
            Err(errors)
        }
    }

    /// The library shipped with VănBản (checked by a test, so it always reads).
    pub fn shipped() -> Library {
        Library::parse(SHIPPED).unwrap_or_default()
    }

    /// The documents whose citation holds every word of the query, accents and case aside
    /// ("505 ngay chuyen doi so", "QĐ-TTg 2024"); those whose own number the query names come
    /// first (a plan that cites Quyết định 505 is found after Quyết định 505 itself).
    pub fn search(&self, query: &str) -> Vec<&LegalReference> {
        let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
        let mut found: Vec<&LegalReference> = self
            .documents
            .iter()
            .filter(|r| {
                let text = fold(&vanban_core::format::reference_text(r));
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect();
        found.sort_by_key(|r| {
            let number = fold(r.number.as_deref().unwrap_or(""));
            !words
                .iter()
                .any(|w| number == *w || number.split(['/', '-']).any(|p| p == w))
        });
        found
    }
}

impl Library {
    /// Where a document's legal basis cites a document of the library by its number but writes
    /// its date or issuer otherwise: warnings, each with the field's path and what the
    /// library says.
    pub fn citation_warnings(&self, doc: &vanban_core::Document) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (pi, p) in doc.legal_basis.paragraphs.iter().enumerate() {
            for (gi, g) in p.groups.iter().enumerate() {
                for (ri, r) in g.iter().enumerate() {
                    let Some(number) = r.number.as_deref() else {
                        continue;
                    };
                    let Some(known) = self
                        .documents
                        .iter()
                        .find(|k| k.number.as_deref() == Some(number))
                    else {
                        continue;
                    };
                    let path = format!("legal_basis.paragraphs[{pi}].groups[{gi}][{ri}]");
                    if let (Some(date), Some(right)) = (r.date, known.date)
                        && date != right
                    {
                        out.push(Diagnostic {
                            severity: Severity::Warning,
                            code: Code::Reference,
                            path: format!("{path}.date"),
                            message: format!(
                                "Văn bản số {number} ban hành ngày {}, không phải ngày {}.",
                                vanban_core::format::numeric_date(right),
                                vanban_core::format::numeric_date(date)
                            ),
                            hint: Some("Theo thư viện văn bản hay viện dẫn (vanban cite).".into()),
                        });
                    }
                    if let (Some(issuer), Some(right)) = (&r.issuer, &known.issuer)
                        && fold(issuer) != fold(right)
                        && !fold(right).contains(&fold(issuer))
                    {
                        out.push(Diagnostic {
                            severity: Severity::Warning,
                            code: Code::Reference,
                            path: format!("{path}.issuer"),
                            message: format!(
                                "Văn bản số {number} do “{right}” ban hành, không phải “{issuer}”."
                            ),
                            hint: Some("Theo thư viện văn bản hay viện dẫn (vanban cite).".into()),
                        });
                    }
                }
            }
        }
        out
    }
}

/// Puts a cited document into a document's legal basis: a new group of the last paragraph that
/// has this lead word, or a new paragraph ("Căn cứ …;") at the end of the basis. A document
/// already cited there (same number) is not added again; returns whether it was added.
pub fn add_to_basis(
    doc: &mut vanban_core::Document,
    lead: &str,
    reference: &LegalReference,
) -> bool {
    let basis = &mut doc.legal_basis;
    let already = reference.number.is_some()
        && basis
            .paragraphs
            .iter()
            .flat_map(|p| p.groups.iter().flatten())
            .any(|r| r.number == reference.number);
    if already {
        return false;
    }
    match basis.paragraphs.iter_mut().rev().find(|p| p.lead == lead) {
        Some(p) => p.groups.push(vec![reference.clone()]),
        None => basis.paragraphs.push(vanban_core::model::BasisParagraph {
            lead: lead.to_owned(),
            groups: vec![vec![reference.clone()]],
            text: None,
        }),
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_shipped_library_is_a_citation() {
        let lib = Library::parse(SHIPPED).expect("every line parses");
        assert!(lib.documents.len() >= 50, "{}", lib.documents.len());
        for r in &lib.documents {
            assert!(r.number.is_some(), "{r:?}");
        }
    }

    #[test]
    fn search_ignores_accents_and_case() {
        let lib = Library::shipped();
        let found = lib.search("ngay chuyen doi so 505");
        assert_eq!(
            found.len(),
            2,
            "505 itself and the plan that carries it out: {found:?}"
        );
        let r = found[0];
        assert_eq!(r.number.as_deref(), Some("505/QĐ-TTg"));
        assert_eq!(
            vanban_core::format::reference_text(r),
            "Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia"
        );
        assert!(lib.search("công tác văn thư")[0].number.as_deref() == Some("30/2020/NĐ-CP"));
    }

    #[test]
    fn a_picked_document_joins_the_basis_once() {
        let lib = Library::shipped();
        let qd505 = lib.search("505/QĐ-TTg")[0].clone();
        let mut doc = vanban_core::skeleton::new_document(vanban_core::DocumentType::KeHoach);
        assert!(add_to_basis(&mut doc, "Căn cứ", &qd505));
        assert!(!add_to_basis(&mut doc, "Căn cứ", &qd505), "not twice");
        let nd30 = lib.search("công tác văn thư")[0].clone();
        assert!(add_to_basis(&mut doc, "Căn cứ", &nd30));
        let p = &doc.legal_basis.paragraphs;
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].groups.len(), 2);
        let lines = vanban_core::plain::preamble_paragraphs(&doc);
        assert_eq!(
            lines,
            [vanban_core::plain::PreambleParagraph::Basis {
                citations: "Căn cứ Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia; Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư.".into(),
                clause: None,
                join: " ",
            }]
        );
    }

    #[test]
    fn a_wrong_date_or_issuer_of_a_known_document_is_a_warning() {
        let lib = Library::shipped();
        let mut doc = vanban_core::skeleton::new_document(vanban_core::DocumentType::KeHoach);
        let mut qd505 = lib.search("505/QĐ-TTg")[0].clone();
        assert!(add_to_basis(&mut doc, "Căn cứ", &qd505));
        assert!(
            lib.citation_warnings(&doc).is_empty(),
            "as the library writes it"
        );
        qd505.date = Some(vanban_core::model::CalendarDate::new(2022, 4, 2));
        qd505.issuer = Some("Bộ Nội vụ".into());
        doc.legal_basis.paragraphs[0].groups[0][0] = qd505;
        let found: Vec<(String, String)> = lib
            .citation_warnings(&doc)
            .into_iter()
            .map(|d| (d.path, d.message))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "legal_basis.paragraphs[0].groups[0][0].date".to_owned(),
                    "Văn bản số 505/QĐ-TTg ban hành ngày 22/4/2022, không phải ngày 02/4/2022."
                        .to_owned()
                ),
                (
                    "legal_basis.paragraphs[0].groups[0][0].issuer".to_owned(),
                    "Văn bản số 505/QĐ-TTg do “Thủ tướng Chính phủ” ban hành, không phải “Bộ Nội vụ”."
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_line_that_is_not_a_citation_is_reported_with_its_number() {
        let errors = Library::parse("# ghi chú\n\nQuyết định số 1/QĐ-TTg ngày 01/02/2024 của Thủ tướng Chính phủ\nkhông phải\n")
            .expect_err("line 4");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 4);
    }
}
