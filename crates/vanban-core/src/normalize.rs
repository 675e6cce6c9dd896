//! Bringing a document's text into the one form the rest of the app expects.

use serde_json::Value;

use crate::model::Document;
use crate::text::{is_nfc, to_nfc};

/// Converts every text of the document to Unicode NFC (TCVN 6909:2001). Returns how many texts
/// changed. Text pasted from PDFs or Mac apps is often decomposed (NFD): this is what the app
/// runs on everything it imports, so search, comparison and output see one form.
pub fn to_nfc_document(doc: &mut Document) -> usize {
    let Ok(mut value) = serde_json::to_value(&*doc) else {
        return 0;
    };
    let changed = nfc_value(&mut value);
    if changed > 0 {
        // The value came from a Document and only string contents changed, so it reads back.
        if let Ok(normalised) = serde_json::from_value(value) {
            *doc = normalised;
        }
    }
    changed
}

fn nfc_value(v: &mut Value) -> usize {
    match v {
        Value::String(s) if !is_nfc(s) => {
            *s = to_nfc(s);
            1
        }
        Value::Array(items) => items.iter_mut().map(nfc_value).sum(),
        Value::Object(map) => map.values_mut().map(nfc_value).sum(),
        _ => 0,
    }
}
