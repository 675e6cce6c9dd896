//! Drawing the pages of another PDF over the document's, in the signing update: how the
//! registry writes the number and date into a document the signer signed blank.
//!
//! Each overlay page becomes a form XObject (its content and resources, copied with new object
//! numbers) that the document's page of the same number draws after its own content, wrapped
//! in `q … Q` so that nothing the page left in the graphics state moves it. The earlier bytes
//! are untouched: the signer's signature still covers exactly what the signer signed.

use std::collections::BTreeMap;

use lopdf::{Dictionary, IncrementalDocument, Object, ObjectId, Stream, dictionary};

use crate::SignError;

fn invalid(e: lopdf::Error) -> SignError {
    SignError::InvalidPdf(e.to_string())
}

/// Whether a content stream shows any text or paints anything (hidden marks write nothing).
fn paints(content: &[u8]) -> bool {
    content.split(|b| b.is_ascii_whitespace()).any(|token| {
        token.ends_with(b"Tj")
            || token.ends_with(b"TJ")
            || matches!(
                token,
                b"f" | b"F" | b"f*" | b"S" | b"s" | b"B" | b"b" | b"Do" | b"sh"
            )
    })
}

/// Draws page k of `overlay` over page k of the document being updated, for every overlay
/// page that paints something. The overlay may not have more pages than the document.
pub(crate) fn draw_over(inc: &mut IncrementalDocument, overlay: &[u8]) -> Result<(), SignError> {
    let over =
        lopdf::Document::load_mem(overlay).map_err(|e| SignError::InvalidOverlay(e.to_string()))?;
    let pages = inc.get_prev_documents().get_pages();
    let over_pages = over.get_pages();
    if over_pages.len() > pages.len() {
        return Err(SignError::InvalidOverlay(format!(
            "lớp phủ có {} trang, văn bản chỉ có {} trang",
            over_pages.len(),
            pages.len()
        )));
    }
    let mut copied = BTreeMap::new();
    for (no, over_page) in over_pages {
        let content = over
            .get_page_content_with_limit(over_page, 64 << 20)
            .map_err(|e| SignError::InvalidOverlay(e.to_string()))?;
        if !paints(&content) {
            continue;
        }
        let page_id = *pages.get(&no).ok_or(SignError::NoSuchPage {
            page: no,
            pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        })?;
        let page = over
            .get_dictionary(over_page)
            .map_err(|e| SignError::InvalidOverlay(e.to_string()))?;
        let bbox = page
            .get(b"MediaBox")
            .ok()
            .map(|b| resolve(&over, b))
            .cloned()
            .unwrap_or_else(|| Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]));
        let resources = match page.get(b"Resources") {
            Ok(r) => import(resolve(&over, r), &over, inc, &mut copied)?,
            Err(_) => Object::Dictionary(Dictionary::new()),
        };
        let mut form = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => bbox,
                "Resources" => resources,
            },
            content,
        );
        form.compress().map_err(invalid)?;
        let form_id = inc.new_document.add_object(form);
        draw_form_on(inc, page_id, form_id)?;
    }
    Ok(())
}

fn resolve<'a>(doc: &'a lopdf::Document, obj: &'a Object) -> &'a Object {
    match obj {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(obj),
        _ => obj,
    }
}

/// Copies `obj` and every object it refers to from `from` into the update, with new numbers.
fn import(
    obj: &Object,
    from: &lopdf::Document,
    inc: &mut IncrementalDocument,
    copied: &mut BTreeMap<ObjectId, ObjectId>,
) -> Result<Object, SignError> {
    Ok(match obj {
        Object::Reference(id) => {
            if let Some(new) = copied.get(id) {
                return Ok(Object::Reference(*new));
            }
            let new = inc.new_document.new_object_id();
            copied.insert(*id, new);
            let target = from
                .get_object(*id)
                .map_err(|e| SignError::InvalidOverlay(e.to_string()))?;
            let value = import(target, from, inc, copied)?;
            inc.new_document.objects.insert(new, value);
            Object::Reference(new)
        }
        Object::Array(items) => Object::Array(
            items
                .iter()
                .map(|o| import(o, from, inc, copied))
                .collect::<Result<_, _>>()?,
        ),
        Object::Dictionary(d) => Object::Dictionary(import_dict(d, from, inc, copied)?),
        Object::Stream(s) => {
            let mut stream = s.clone();
            stream.dict = import_dict(&s.dict, from, inc, copied)?;
            Object::Stream(stream)
        }
        other => other.clone(),
    })
}

fn import_dict(
    d: &Dictionary,
    from: &lopdf::Document,
    inc: &mut IncrementalDocument,
    copied: &mut BTreeMap<ObjectId, ObjectId>,
) -> Result<Dictionary, SignError> {
    let mut out = Dictionary::new();
    for (k, v) in d.iter() {
        out.set(k.clone(), import(v, from, inc, copied)?);
    }
    Ok(out)
}

/// Makes `page_id` (copied into the update) draw `form_id` after its own content.
fn draw_form_on(
    inc: &mut IncrementalDocument,
    page_id: ObjectId,
    form_id: ObjectId,
) -> Result<(), SignError> {
    inc.opt_clone_object_to_new_document(page_id)
        .map_err(invalid)?;
    let prev = inc.get_prev_documents();
    // The page's resources as they apply to it (its own, or inherited), written inline with
    // the form added under a name the page does not use yet.
    let (own, inherited) = prev.get_page_resources(page_id).map_err(invalid)?;
    let mut resources = Dictionary::new();
    for id in inherited.iter().rev() {
        if let Ok(d) = prev.get_dictionary(*id) {
            merge(&mut resources, d, prev);
        }
    }
    if let Some(d) = own {
        merge(&mut resources, d, prev);
    }
    let mut xobjects = match resources.get(b"XObject").map(|o| resolve(prev, o)) {
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    let mut n = 1;
    let name = loop {
        let name = format!("VbFields{n}");
        if !xobjects.has(name.as_bytes()) {
            break name;
        }
        n += 1;
    };
    xobjects.set(name.as_bytes().to_vec(), Object::Reference(form_id));
    resources.set("XObject", xobjects);

    let contents = prev
        .get_dictionary(page_id)
        .map_err(invalid)?
        .get(b"Contents")
        .ok()
        .cloned();
    let mut list = match contents {
        Some(Object::Reference(id)) => match prev.get_object(id) {
            Ok(Object::Array(a)) => a.clone(),
            _ => vec![Object::Reference(id)],
        },
        Some(Object::Array(a)) => a,
        _ => Vec::new(),
    };
    let open = inc
        .new_document
        .add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let draw = inc.new_document.add_object(Stream::new(
        Dictionary::new(),
        format!("\nQ\nq /{name} Do Q\n").into_bytes(),
    ));
    list.insert(0, Object::Reference(open));
    list.push(Object::Reference(draw));

    let page = inc
        .new_document
        .get_dictionary_mut(page_id)
        .map_err(invalid)?;
    page.set("Contents", list);
    page.set("Resources", resources);
    Ok(())
}

/// Adds the entries of `from` to `into`, resolving a referenced resource category into a
/// dictionary so that entries of both levels survive.
fn merge(into: &mut Dictionary, from: &Dictionary, doc: &lopdf::Document) {
    for (k, v) in from.iter() {
        match (into.get_mut(k), resolve(doc, v)) {
            (Ok(Object::Dictionary(have)), Object::Dictionary(more)) => {
                for (kk, vv) in more.iter() {
                    have.set(kk.clone(), vv.clone());
                }
            }
            (_, resolved @ Object::Dictionary(_)) => into.set(k.clone(), resolved.clone()),
            _ => into.set(k.clone(), v.clone()),
        }
    }
}
