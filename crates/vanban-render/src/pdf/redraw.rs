//! A changed page drawn from its picture before the change: only the rectangle where the two
//! pages differ is drawn again.
//!
//! A keystroke changes one paragraph of one page, yet drawing the whole page (a few thousand
//! glyphs, each rasterised from its outline) was the longest step between the keystroke and
//! the picture in the window (Long An's page 1 at 760 px: 15–18 ms). Here the two pages are
//! taken apart into what they draw (runs of text, shapes, images, each with its place on the
//! page); what only one of them has marks the rectangle to draw again, and only the items of
//! the new page that reach into it are drawn, on a white rectangle laid into the old picture.
//! When most of the page changed (a paragraph grew a line and moved everything below), the
//! whole page is drawn as before.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use typst::layout::{Abs, Frame, FrameItem, GroupItem, Point, Rect, Size, Transform};

/// Beyond this share of the page's area changed, the whole page is drawn (the old picture's
/// decoding and the bookkeeping would cost more than they save).
const MOST_OF_THE_PAGE: f64 = 0.6;

/// Pixels added around the changed rectangle, for antialiasing at its edges.
const MARGIN_PX: f64 = 2.0;

/// How far a run of text may draw beyond its advance and baseline, in ems: Vietnamese
/// capitals carry stacked marks above the ascender (Ấ, Ỗ), italics lean past their advance,
/// and marks below reach under the descender (ạ, ỵ). Generous on purpose: a larger rectangle
/// only costs a few more glyphs.
const ABOVE_EM: f64 = 1.5;
const BELOW_EM: f64 = 0.6;
const SIDE_EM: f64 = 0.6;

/// The new page `page` as a PNG `width_px` wide, drawn from `old_png`, the PNG of `old` at the
/// same width: `None` when that cannot be done (the pictures differ in size, or most of the
/// page changed), and then the caller draws the whole page.
pub(super) fn png(
    old: &typst_layout::Page,
    old_png: &[u8],
    page: &typst_layout::Page,
    width_px: u32,
) -> Option<Vec<u8>> {
    if old.frame.size() != page.frame.size() || old.fill != page.fill {
        return None;
    }
    let scale = f64::from(width_px) / page.frame.width().to_pt().max(1.0);
    let Some(changed) = changed_rect(old, page) else {
        // The same drawing (the keys differ by what is not drawn): the same picture.
        return Some(old_png.to_vec());
    };
    // The old picture's size is the new one's: the same page size at the same width.
    let mut old_picture = png::Decoder::new(std::io::Cursor::new(old_png))
        .read_info()
        .ok()?;
    let (width, height) = (old_picture.info().width, old_picture.info().height);
    if width != width_px {
        return None;
    }
    let area = Area::of(changed, scale, (width, height))?;
    if f64::from(area.width * area.height) > MOST_OF_THE_PAGE * f64::from(width * height) {
        return None;
    }
    let (mut color, mut pixels) = pixels_of(&mut old_picture)?;
    let part = draw_part(page, &area, scale)?;
    let part_grey = part
        .chunks_exact(4)
        .all(|px| px[0] == px[1] && px[1] == px[2]);
    if color == png::ColorType::Grayscale && !part_grey {
        pixels = pixels.iter().flat_map(|&g| [g, g, g]).collect();
        color = png::ColorType::Rgb;
    }
    let channels = if color == png::ColorType::Rgb { 3 } else { 1 };
    let row_bytes = area.width as usize * 4;
    for (row, source) in part.chunks_exact(row_bytes).enumerate() {
        let to = ((area.y as usize + row) * width as usize + area.x as usize) * channels;
        let target = pixels.get_mut(to..to + area.width as usize * channels)?;
        for (px, out) in source
            .chunks_exact(4)
            .zip(target.chunks_exact_mut(channels))
        {
            out.copy_from_slice(&px[..channels]);
        }
    }
    if color == png::ColorType::Rgb {
        // What was in colour may be gone (a marked paragraph edited): grey again if so.
        let opaque = super::opaque_pixels(pixels.chunks_exact(3));
        return super::encode_png(width, height, opaque);
    }
    super::encode_png(width, height, (color, pixels))
}

/// The rectangle, in points on the page, covering everything one page draws and the other
/// does not; `None` when both draw the same.
fn changed_rect(old: &typst_layout::Page, page: &typst_layout::Page) -> Option<Rect> {
    let mut before: HashMap<u128, Vec<Rect>> = HashMap::new();
    for (hash, bounds) in drawn(&old.frame) {
        before.entry(hash).or_default().push(bounds);
    }
    let mut changed: Option<Rect> = None;
    let mut add = |r: Rect| {
        changed = Some(match changed {
            Some(c) => Rect::new(c.min.min(r.min), c.max.max(r.max)),
            None => r,
        });
    };
    for (hash, bounds) in drawn(&page.frame) {
        match before.get_mut(&hash).and_then(Vec::pop) {
            Some(_) => {}
            None => add(bounds),
        }
    }
    before.into_values().flatten().for_each(add);
    changed
}

/// What a frame draws, item by item (runs of text, shapes, images, and the clip of each
/// clipped group): each one's hash, which includes its place on the page, and the rectangle
/// it may draw into, in points on the page.
fn drawn(frame: &Frame) -> Vec<(u128, Rect)> {
    fn walk(frame: &Frame, ts: Transform, out: &mut Vec<(u128, Rect)>) {
        for (pos, item) in frame.items() {
            let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
            if let FrameItem::Group(group) = item {
                let inner = at.pre_concat(group.transform);
                if let Some(clip) = &group.clip {
                    let hash = typst::utils::hash128(&(inner, clip));
                    out.push((hash, on_page(clip.bbox(None), inner)));
                }
                walk(&group.frame, inner, out);
            } else if let Some(bounds) = bounds(item) {
                let hash = typst::utils::hash128(&Placed(at, item));
                out.push((hash, on_page(bounds, at)));
            }
        }
    }
    let mut out = Vec::new();
    walk(frame, Transform::identity(), &mut out);
    out
}

/// An item at its place on the page, hashed as the page's key hashes it (what it draws).
struct Placed<'a>(Transform, &'a FrameItem);

impl Hash for Placed<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.0.hash(h);
        super::hash_item(self.1, h);
    }
}

/// The rectangle an item may draw into, around its own origin; `None` for what draws nothing
/// (links, introspection tags).
fn bounds(item: &FrameItem) -> Option<Rect> {
    match item {
        FrameItem::Text(text) => {
            let em = |v: f64| text.size * v;
            Some(Rect::new(
                Point::new(-em(SIDE_EM), -em(ABOVE_EM)),
                Point::new(text.width() + em(SIDE_EM), em(BELOW_EM)),
            ))
        }
        FrameItem::Shape(shape, _) => Some(shape.bbox(true)),
        FrameItem::Image(_, size, _) => Some(Rect::from_pos_size(Point::zero(), *size)),
        FrameItem::Group(_) | FrameItem::Link(..) | FrameItem::Tag(_) => None,
    }
}

/// `r` (around an item's origin) placed on the page by `ts`: the rectangle holding its four
/// corners.
fn on_page(r: Rect, ts: Transform) -> Rect {
    let corners = [
        r.min,
        Point::new(r.max.x, r.min.y),
        Point::new(r.min.x, r.max.y),
        r.max,
    ]
    .map(|p| p.transform(ts));
    let min = corners.iter().fold(corners[0], |a, &b| a.min(b));
    let max = corners.iter().fold(corners[0], |a, &b| a.max(b));
    Rect::new(min, max)
}

/// The changed rectangle in whole pixels of the picture, with a margin, inside the picture.
struct Area {
    x: u32,
    y: u32,
    width: u32,
    height: u32,
}

impl Area {
    fn of(r: Rect, scale: f64, (width, height): (u32, u32)) -> Option<Area> {
        let px = |v: Abs, limit: u32, round: fn(f64) -> f64| {
            round(v.to_pt() * scale).clamp(0.0, f64::from(limit)) as u32
        };
        let x0 = px(r.min.x - Abs::pt(MARGIN_PX / scale), width, f64::floor);
        let y0 = px(r.min.y - Abs::pt(MARGIN_PX / scale), height, f64::floor);
        let x1 = px(r.max.x + Abs::pt(MARGIN_PX / scale), width, f64::ceil);
        let y1 = px(r.max.y + Abs::pt(MARGIN_PX / scale), height, f64::ceil);
        (x1 > x0 && y1 > y0).then_some(Area {
            x: x0,
            y: y0,
            width: x1 - x0,
            height: y1 - y0,
        })
    }
}

/// The pixels (RGBA) of `area` of the new page: the items reaching into it, drawn where they
/// are on the page, on the page's white.
fn draw_part(page: &typst_layout::Page, area: &Area, scale: f64) -> Option<Vec<u8>> {
    let shown = Rect::new(
        Point::new(
            Abs::pt(f64::from(area.x) / scale),
            Abs::pt(f64::from(area.y) / scale),
        ),
        Point::new(
            Abs::pt(f64::from(area.x + area.width) / scale),
            Abs::pt(f64::from(area.y + area.height) / scale),
        ),
    );
    let inside = keep_within(&page.frame, Transform::identity(), shown);
    let mut frame = Frame::hard(Size::new(
        shown.max.x - shown.min.x,
        shown.max.y - shown.min.y,
    ));
    frame.push(
        Point::new(-shown.min.x, -shown.min.y),
        FrameItem::Group(GroupItem::new(inside)),
    );
    let part = typst_layout::Page {
        frame,
        ..page.clone()
    };
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(scale),
        render_bleed: false,
    };
    let pixmap = typst_render::render(&part, &options);
    (pixmap.width() == area.width && pixmap.height() == area.height).then(|| pixmap.data().to_vec())
}

/// `frame` with only the items that may draw into `r` (in points on the page; `ts` places the
/// frame on the page), groups kept with their transforms and clips.
fn keep_within(frame: &Frame, ts: Transform, r: Rect) -> Frame {
    let mut kept = Frame::new(frame.size(), frame.kind());
    for (pos, item) in frame.items() {
        let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => {
                let inner = keep_within(&group.frame, at.pre_concat(group.transform), r);
                if !inner.is_empty() {
                    kept.push(
                        *pos,
                        FrameItem::Group(GroupItem {
                            frame: inner,
                            ..group.clone()
                        }),
                    );
                }
            }
            _ => {
                if bounds(item).is_some_and(|b| overlaps(on_page(b, at), r)) {
                    kept.push(*pos, item.clone());
                }
            }
        }
    }
    kept
}

fn overlaps(a: Rect, b: Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

/// The pixels of a PNG of the preview (grey or RGB, 8 bits), its header read.
fn pixels_of<R: std::io::BufRead + std::io::Seek>(
    picture: &mut png::Reader<R>,
) -> Option<(png::ColorType, Vec<u8>)> {
    let mut buf = vec![0; picture.output_buffer_size()?];
    let info = picture.next_frame(&mut buf).ok()?;
    if info.bit_depth != png::BitDepth::Eight {
        return None;
    }
    buf.truncate(info.buffer_size());
    matches!(
        info.color_type,
        png::ColorType::Rgb | png::ColorType::Grayscale
    )
    .then_some((info.color_type, buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_area_covers_the_rectangle_with_its_margin_inside_the_picture() {
        let r = Rect::new(
            Point::new(Abs::pt(10.2), Abs::pt(20.0)),
            Point::new(Abs::pt(30.0), Abs::pt(25.5)),
        );
        let a = Area::of(r, 2.0, (1000, 1000)).expect("an area");
        assert_eq!((a.x, a.y, a.width, a.height), (18, 38, 44, 15));
        let edge = Rect::new(Point::zero(), Point::new(Abs::pt(600.0), Abs::pt(1.0)));
        let a = Area::of(edge, 2.0, (1000, 1000)).expect("an area");
        assert_eq!((a.x, a.y, a.width, a.height), (0, 0, 1000, 4));
    }
}
