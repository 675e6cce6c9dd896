//! PNG images as a person's signature and a body's seal are given to the app: RGBA, drawn by a
//! function, transparent elsewhere.

/// A PNG of `w`×`h` pixels in `rgb`, opaque where `ink` says and transparent elsewhere.
pub fn png(w: u32, h: u32, rgb: [u8; 3], ink: impl Fn(f32, f32) -> bool) -> Vec<u8> {
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            data.extend_from_slice(&rgb);
            data.push(if ink(x as f32 / w as f32, y as f32 / h as f32) {
                255
            } else {
                0
            });
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().expect("png header");
        writer.write_image_data(&data).expect("png data");
    }
    out
}

/// A blue handwritten-like stroke.
pub fn signature_png() -> Vec<u8> {
    png(300, 120, [20, 40, 200], |x, y| {
        let wave = 0.5 + 0.3 * (x * 18.0).sin() * (1.0 - x);
        (y - wave).abs() < 0.04
    })
}

/// A red ring with a star.
pub fn seal_png() -> Vec<u8> {
    png(240, 240, [220, 20, 30], |x, y| {
        let (dx, dy) = (x - 0.5, y - 0.5);
        let r = (dx * dx + dy * dy).sqrt();
        let star = r < 0.12 * (1.0 + 0.6 * (5.0 * dy.atan2(dx)).cos());
        (0.44..0.49).contains(&r) || star
    })
}
