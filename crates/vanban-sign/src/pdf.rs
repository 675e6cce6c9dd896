//! Signing a PDF as an incremental update (ISO 32000-1 §12.8, PAdES-B-B).
//!
//! The original bytes are kept; lopdf appends the new and changed objects (the signature
//! dictionary, the field and its widget, the page with the widget in `/Annots`, the catalog with
//! the AcroForm) with their cross-reference section. Then, as every PDF signer does, the
//! `/ByteRange` numbers and the `/Contents` hex are patched in place, in space reserved for them.

use chrono::{DateTime, FixedOffset};
use lopdf::{Dictionary, IncrementalDocument, Object, ObjectId, StringFormat, dictionary};
use sha2::{Digest, Sha256};

use crate::appearance::{add_appearance, empty_appearance};
use crate::x509::rfc3339;
use crate::{Appearance, SignError, Signer, cms_build};

/// What to write into the signature besides the CMS.
#[derive(Clone, Debug)]
pub struct SignOptions {
    /// The signing time (the signature dictionary's `/M`; PAdES keeps it out of the CMS). Comes
    /// from the caller's clock.
    pub signing_time: DateTime<FixedOffset>,
    /// Why the document is signed (`/Reason`), e.g. "Phê duyệt và ký ban hành".
    pub reason: Option<String>,
    /// Where (`/Location`).
    pub location: Option<String>,
    /// The visible image and its place; `None` for an invisible signature on page 1.
    pub appearance: Option<Appearance>,
    /// A PDF whose page k is drawn over the document's page k in the same update, e.g. the
    /// number and date the registry writes in when it adds the agency's signature (see
    /// `vanban_render::fields`). The signature covers them; earlier signatures stay valid.
    pub overlay: Option<Vec<u8>>,
}

// Ten digits: any file up to 9.3 GB fits, and the patched array is padded with spaces.
const BYTE_RANGE_PLACEHOLDER: i64 = 9_999_999_999;

/// Signs `pdf` with `signer`: the returned bytes are `pdf` unchanged followed by an incremental
/// update holding a PAdES-B-B signature whose byte range covers the whole result but the
/// signature value itself.
pub fn sign_pdf(
    pdf: &[u8],
    signer: &dyn Signer,
    options: &SignOptions,
) -> Result<Vec<u8>, SignError> {
    let cert = signer
        .certificate_chain()
        .first()
        .ok_or_else(|| SignError::InvalidCertificate("chuỗi chứng thư trống".into()))?;
    if !cert.valid_at(options.signing_time) {
        let (from, to) = cert.validity();
        return Err(SignError::CertificateExpired {
            subject: cert.subject_name(),
            not_before: rfc3339(from),
            not_after: rfc3339(to),
        });
    }

    let prev = lopdf::Document::load_mem(pdf).map_err(|e| SignError::InvalidPdf(e.to_string()))?;
    if prev.is_encrypted() || prev.trailer.get(b"Encrypt").is_ok() {
        return Err(SignError::EncryptedPdf);
    }
    let pages = prev.get_pages();
    let page_no = options.appearance.as_ref().map_or(1, |a| a.page);
    let page_id = *pages.get(&page_no).ok_or(SignError::NoSuchPage {
        page: page_no,
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
    })?;
    let root_id = prev
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| SignError::InvalidPdf(e.to_string()))?;
    let existing = prev
        .objects
        .values()
        .filter(|o| {
            o.as_dict()
                .is_ok_and(|d| d.get(b"FT").is_ok_and(|t| t.as_name().ok() == Some(b"Sig")))
        })
        .count();
    let field_name = format!("Signature{}", existing + 1);

    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), prev);
    if let Some(overlay) = &options.overlay {
        crate::overlay::draw_over(&mut inc, overlay)?;
    }
    let doc = &mut inc.new_document;

    let reserved = reserved_size(signer);
    let mut sig = dictionary! {
        "Type" => "Sig",
        "Filter" => "Adobe.PPKLite",
        "SubFilter" => "ETSI.CAdES.detached",
        "ByteRange" => vec![
            Object::Integer(0),
            Object::Integer(BYTE_RANGE_PLACEHOLDER),
            Object::Integer(BYTE_RANGE_PLACEHOLDER),
            Object::Integer(BYTE_RANGE_PLACEHOLDER),
        ],
        "Contents" => Object::String(vec![0; reserved], StringFormat::Hexadecimal),
        "M" => Object::String(pdf_date(options.signing_time).into_bytes(), StringFormat::Literal),
        "Name" => text_string(&cert.subject_name()),
    };
    if let Some(reason) = &options.reason {
        sig.set("Reason", text_string(reason));
    }
    if let Some(location) = &options.location {
        sig.set("Location", text_string(location));
    }
    let sig_id = doc.add_object(sig);

    let (rect, ap) = match &options.appearance {
        Some(a) => (
            [
                a.rect.x,
                a.rect.y,
                a.rect.x + a.rect.width,
                a.rect.y + a.rect.height,
            ],
            add_appearance(doc, a)?,
        ),
        None => ([0.0; 4], empty_appearance(doc)),
    };
    let widget_id = doc.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "FT" => "Sig",
        "T" => text_string(&field_name),
        "V" => sig_id,
        "Rect" => rect.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>(),
        // Print + Locked: shown when printed, not movable.
        "F" => 132,
        "P" => page_id,
        "AP" => dictionary! { "N" => ap },
    });

    add_to_page(&mut inc, page_id, widget_id)?;
    add_to_acroform(&mut inc, root_id, widget_id)?;

    let mut out = Vec::with_capacity(pdf.len() + 2 * reserved + 8192);
    inc.save_to(&mut out)
        .map_err(|e| SignError::InvalidPdf(e.to_string()))?;
    patch_and_sign(&mut out, pdf.len(), reserved, signer)?;
    Ok(out)
}

/// The visible signature fields of a PDF, in the order of its pages and their annotations:
/// the page (1-based) and the widget's rectangle. The agency's seal is placed from the signer's.
pub fn signature_widgets(pdf: &[u8]) -> Result<Vec<(u32, crate::Rect)>, SignError> {
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| SignError::InvalidPdf(e.to_string()))?;
    let deref = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let mut found = Vec::new();
    for (no, page_id) in doc.get_pages() {
        let Ok(page) = doc.get_dictionary(page_id) else {
            continue;
        };
        let annots = page.get(b"Annots").ok().and_then(deref);
        for annot in annots
            .as_ref()
            .and_then(|a| a.as_array().ok())
            .into_iter()
            .flatten()
        {
            let Some(Object::Dictionary(d)) = deref(annot) else {
                continue;
            };
            if d.get(b"FT").ok().and_then(|t| t.as_name().ok()) != Some(b"Sig".as_slice()) {
                continue;
            }
            let numbers: Vec<f32> = d
                .get(b"Rect")
                .ok()
                .and_then(deref)
                .and_then(|r| r.as_array().ok().cloned())
                .unwrap_or_default()
                .iter()
                .filter_map(|v| v.as_float().ok())
                .collect();
            if let [x0, y0, x1, y1] = numbers[..]
                && x1 > x0
                && y1 > y0
            {
                found.push((
                    no,
                    crate::Rect {
                        x: x0,
                        y: y0,
                        width: x1 - x0,
                        height: y1 - y0,
                    },
                ));
            }
        }
    }
    Ok(found)
}

/// Room for the CMS: the certificates, the attributes and the signature, with a margin.
fn reserved_size(signer: &dyn Signer) -> usize {
    let certs: usize = signer
        .certificate_chain()
        .iter()
        .map(|c| c.der().len())
        .sum();
    certs + 4096
}

fn invalid(e: lopdf::Error) -> SignError {
    SignError::InvalidPdf(e.to_string())
}

fn add_to_page(
    inc: &mut IncrementalDocument,
    page_id: ObjectId,
    widget: ObjectId,
) -> Result<(), SignError> {
    inc.opt_clone_object_to_new_document(page_id)
        .map_err(invalid)?;
    let annots = inc
        .new_document
        .get_dictionary(page_id)
        .map_err(invalid)?
        .get(b"Annots")
        .ok()
        .cloned();
    match annots {
        Some(Object::Reference(id)) => {
            inc.opt_clone_object_to_new_document(id).map_err(invalid)?;
            inc.new_document
                .get_object_mut(id)
                .and_then(Object::as_array_mut)
                .map_err(invalid)?
                .push(Object::Reference(widget));
        }
        other => {
            let mut list = match other {
                Some(Object::Array(a)) => a,
                _ => Vec::new(),
            };
            list.push(Object::Reference(widget));
            inc.new_document
                .get_dictionary_mut(page_id)
                .map_err(invalid)?
                .set("Annots", list);
        }
    }
    Ok(())
}

fn add_to_acroform(
    inc: &mut IncrementalDocument,
    root_id: ObjectId,
    widget: ObjectId,
) -> Result<(), SignError> {
    inc.opt_clone_object_to_new_document(root_id)
        .map_err(invalid)?;
    let form = inc
        .new_document
        .get_dictionary(root_id)
        .map_err(invalid)?
        .get(b"AcroForm")
        .ok()
        .cloned();
    let update = |form: &mut Dictionary, prev: &lopdf::Document| {
        let mut fields = match form.get(b"Fields") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(Object::Reference(id)) => prev
                .get_object(*id)
                .and_then(Object::as_array)
                .cloned()
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        fields.push(Object::Reference(widget));
        form.set("Fields", fields);
        form.set("SigFlags", 3);
    };
    match form {
        Some(Object::Reference(id)) => {
            inc.opt_clone_object_to_new_document(id).map_err(invalid)?;
            let prev = inc.get_prev_documents().clone();
            let dict = inc.new_document.get_dictionary_mut(id).map_err(invalid)?;
            update(dict, &prev);
        }
        other => {
            let mut dict = match other {
                Some(Object::Dictionary(d)) => d,
                _ => Dictionary::new(),
            };
            update(&mut dict, inc.get_prev_documents());
            let form_id = inc.new_document.add_object(dict);
            inc.new_document
                .get_dictionary_mut(root_id)
                .map_err(invalid)?
                .set("AcroForm", form_id);
        }
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Fills in `/ByteRange` and `/Contents` of the signature appended after `start`.
fn patch_and_sign(
    out: &mut [u8],
    start: usize,
    reserved: usize,
    signer: &dyn Signer,
) -> Result<(), SignError> {
    let lost = || SignError::InvalidPdf("không tìm thấy chỗ dành cho chữ ký".into());
    let br = find(out, b"/ByteRange", start).ok_or_else(lost)?;
    let open = find(out, b"[", br).ok_or_else(lost)?;
    let close = find(out, b"]", open).ok_or_else(lost)?;
    let key = find(out, b"/Contents<", start).ok_or_else(lost)?;
    let hex_start = key + b"/Contents".len();
    let hex_end = hex_start + 2 * reserved + 2;
    if out.get(hex_end - 1) != Some(&b'>')
        || out[hex_start + 1..hex_end - 1].iter().any(|&b| b != b'0')
    {
        return Err(lost());
    }
    let ranges = [0, hex_start, hex_end, out.len() - hex_end];
    let text = format!("[{} {} {} {}", ranges[0], ranges[1], ranges[2], ranges[3]);
    let width = close - open;
    if text.len() > width {
        return Err(lost());
    }
    out[open..close].copy_from_slice(format!("{text:<width$}").as_bytes());

    let mut hasher = Sha256::new();
    hasher.update(&out[..hex_start]);
    hasher.update(&out[hex_end..]);
    let digest: [u8; 32] = hasher.finalize().into();
    let cms = cms_build::build(signer, &digest)?;
    if cms.len() > reserved {
        return Err(SignError::SignatureTooLarge {
            needed: cms.len(),
            reserved,
        });
    }
    for (i, b) in cms.iter().enumerate() {
        let hex = format!("{b:02X}");
        out[hex_start + 1 + 2 * i..hex_start + 3 + 2 * i].copy_from_slice(hex.as_bytes());
    }
    Ok(())
}

/// A PDF text string: PDFDocEncoding is not enough for Vietnamese, so UTF-16BE with a BOM.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// `D:YYYYMMDDHHmmSS+HH'mm'`.
fn pdf_date(t: DateTime<FixedOffset>) -> String {
    let offset = t.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.abs();
    format!(
        "D:{}{sign}{:02}'{:02}'",
        t.format("%Y%m%d%H%M%S"),
        offset / 3600,
        offset % 3600 / 60
    )
}

/// Reads `D:YYYYMMDDHHmmSS+HH'mm'` (the forms PDF writers use).
pub(crate) fn parse_pdf_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits = s.get(..14)?;
    let naive = chrono::NaiveDateTime::parse_from_str(digits, "%Y%m%d%H%M%S").ok()?;
    let rest = &s[14..];
    let offset = match rest.chars().next() {
        None | Some('Z') => 0,
        Some(c @ ('+' | '-')) => {
            let h: i32 = rest.get(1..3)?.parse().ok()?;
            let m: i32 = rest.get(4..6).and_then(|m| m.parse().ok()).unwrap_or(0);
            let v = h * 3600 + m * 60;
            if c == '-' { -v } else { v }
        }
        _ => return None,
    };
    naive
        .and_local_timezone(FixedOffset::east_opt(offset)?)
        .single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_round_trip_with_the_vietnam_offset() {
        let t = DateTime::parse_from_rfc3339("2025-03-05T14:30:15+07:00").expect("time");
        assert_eq!(pdf_date(t), "D:20250305143015+07'00'");
        assert_eq!(parse_pdf_date(&pdf_date(t)), Some(t));
    }
}
