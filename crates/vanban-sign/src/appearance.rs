//! The visible part of a signature: a PNG image (the signer's handwritten signature, or the
//! body's seal) drawn in the widget's rectangle.

use lopdf::{Object, ObjectId, Stream, dictionary};

use crate::SignError;

/// A rectangle on a page, in PDF points (1/72 inch), from the page's lower-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Bottom edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// Where and how a signature is shown.
#[derive(Clone, Debug)]
pub struct Appearance {
    /// The 1-based page.
    pub page: u32,
    /// The widget's rectangle; the image is drawn in it as it is (the caller keeps the
    /// image's proportions, e.g. a seal at its real size).
    pub rect: Rect,
    /// A PNG image, transparency kept (an alpha channel becomes a soft mask).
    pub png: Vec<u8>,
}

impl Appearance {
    /// The signer's handwritten signature (Nghị định 30, ô 7c): the image centred between the
    /// authority lines (bottom at `top`) and the name (top at `bottom`), across the column from
    /// `left` to `right`, as large as fits in 90 % of that space with its proportions kept.
    pub fn signature_between(
        page: u32,
        (left, right): (f64, f64),
        (top, bottom): (f64, f64),
        png: Vec<u8>,
    ) -> Result<Self, SignError> {
        let (w, h) = png_size(&png)?;
        let (w, h) = (f64::from(w), f64::from(h));
        let scale = ((top - bottom) * 0.9 / h).min((right - left) * 0.9 / w);
        let (width, height) = (w * scale, h * scale);
        Ok(Self {
            page,
            rect: Rect {
                x: ((left + right - width) / 2.0) as f32,
                y: ((top + bottom - height) / 2.0) as f32,
                width: width as f32,
                height: height as f32,
            },
            png,
        })
    }

    /// The body's seal (ô 8) at its real size (`diameter_mm` across), overlapping the left
    /// third of `signature`'s image and centred on it vertically.
    pub fn seal_over(
        signature: &Appearance,
        diameter_mm: f32,
        png: Vec<u8>,
    ) -> Result<Self, SignError> {
        let (w, h) = png_size(&png)?;
        let width = diameter_mm * 72.0 / 25.4;
        let height = width * h as f32 / w as f32;
        let s = signature.rect;
        Ok(Self {
            page: signature.page,
            rect: Rect {
                x: s.x + s.width / 3.0 - width,
                y: s.y + s.height / 2.0 - height / 2.0,
                width,
                height,
            },
            png,
        })
    }
}

/// The width and height of a PNG, in pixels.
pub fn png_size(bytes: &[u8]) -> Result<(u32, u32), SignError> {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder
        .read_info()
        .map_err(|e| SignError::InvalidImage(e.to_string()))?;
    let info = reader.info();
    if info.width == 0 || info.height == 0 {
        return Err(SignError::InvalidImage("ảnh rỗng".into()));
    }
    Ok((info.width, info.height))
}

/// A decoded PNG as the two streams of a PDF image: colour and, when present, alpha.
struct Decoded {
    width: u32,
    height: u32,
    gray: bool,
    color: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

fn decode_png(bytes: &[u8]) -> Result<Decoded, SignError> {
    let bad = |e: &dyn std::fmt::Display| SignError::InvalidImage(e.to_string());
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| bad(&e))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| SignError::InvalidImage("ảnh quá lớn".into()))?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| bad(&e))?;
    buf.truncate(info.buffer_size());
    let (channels, gray, has_alpha) = match info.color_type {
        png::ColorType::Grayscale => (1, true, false),
        png::ColorType::GrayscaleAlpha => (2, true, true),
        png::ColorType::Rgb => (3, false, false),
        png::ColorType::Rgba => (4, false, true),
        png::ColorType::Indexed => return Err(SignError::InvalidImage("bảng màu".into())),
    };
    let color_channels = if gray { 1 } else { 3 };
    let mut color = Vec::with_capacity(buf.len());
    let mut alpha = Vec::new();
    for px in buf.chunks_exact(channels) {
        color.extend_from_slice(&px[..color_channels]);
        if has_alpha {
            alpha.push(px[channels - 1]);
        }
    }
    Ok(Decoded {
        width: info.width,
        height: info.height,
        gray,
        color,
        alpha: has_alpha.then_some(alpha),
    })
}

fn image_stream(
    width: u32,
    height: u32,
    space: &str,
    data: Vec<u8>,
    smask: Option<ObjectId>,
) -> Stream {
    let mut dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => i64::from(width),
        "Height" => i64::from(height),
        "ColorSpace" => Object::Name(space.as_bytes().to_vec()),
        "BitsPerComponent" => 8,
    };
    if let Some(id) = smask {
        dict.set("SMask", Object::Reference(id));
    }
    let mut stream = Stream::new(dict, data);
    // Compression of raw pixels (Flate) cannot fail in a way we could act on; keep raw if it does.
    let _ = stream.compress();
    stream
}

/// Adds the image and the appearance form of `appearance` to `doc`; returns the form's id.
pub(crate) fn add_appearance(
    doc: &mut lopdf::Document,
    appearance: &Appearance,
) -> Result<ObjectId, SignError> {
    let img = decode_png(&appearance.png)?;
    let smask = img.alpha.map(|alpha| {
        doc.add_object(image_stream(
            img.width,
            img.height,
            "DeviceGray",
            alpha,
            None,
        ))
    });
    let space = if img.gray { "DeviceGray" } else { "DeviceRGB" };
    let image = doc.add_object(image_stream(img.width, img.height, space, img.color, smask));
    let (w, h) = (appearance.rect.width, appearance.rect.height);
    let content = lopdf::content::Content {
        operations: vec![
            lopdf::content::Operation::new("q", vec![]),
            lopdf::content::Operation::new(
                "cm",
                vec![w.into(), 0.into(), 0.into(), h.into(), 0.into(), 0.into()],
            ),
            lopdf::content::Operation::new("Do", vec![Object::Name(b"Img".to_vec())]),
            lopdf::content::Operation::new("Q", vec![]),
        ],
    };
    let bytes = content
        .encode()
        .map_err(|e| SignError::InvalidImage(e.to_string()))?;
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), w.into(), h.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "Img" => image } },
        },
        bytes,
    );
    Ok(doc.add_object(form))
}

/// An empty appearance for an invisible signature (a zero-size widget).
pub(crate) fn empty_appearance(doc: &mut lopdf::Document) -> ObjectId {
    doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 0.into(), 0.into()],
        },
        Vec::new(),
    ))
}
