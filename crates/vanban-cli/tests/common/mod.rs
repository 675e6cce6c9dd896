//! What the CLI's signing tests share: a throwaway PKI written to a folder (a CA as PEM,
//! people and bodies as password-protected PKCS#12 files), password files and PNG images.

#![allow(dead_code)]

use std::path::Path;

use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, date_time_ymd};

/// The password of every PKCS#12 file the tests make.
pub const PASSWORD: &str = "bí mật";

/// A CA that issues certificates into `dir`: its certificate is `dir/ca.pem`.
pub struct Ca {
    cert: rcgen::Certificate,
    key: KeyPair,
}

impl Ca {
    pub fn new(dir: &Path) -> Ca {
        let key = KeyPair::generate().expect("key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params
            .distinguished_name
            .push(DnType::CommonName, "CA thử nghiệm");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let cert = params.self_signed(&key).expect("CA");
        std::fs::write(dir.join("ca.pem"), cert.pem()).expect("write ca.pem");
        Ca { cert, key }
    }

    /// A new key (PKCS#8 DER) and its certificate (DER) for `common_name`, valid from 2019 to
    /// 1 January of `until`.
    pub fn issue(&self, common_name: &str, until: i32) -> (Vec<u8>, Vec<u8>) {
        let key = KeyPair::generate().expect("key");
        let mut p = CertificateParams::new(Vec::<String>::new()).expect("params");
        p.distinguished_name.push(DnType::CommonName, common_name);
        p.not_before = date_time_ymd(2019, 1, 1);
        p.not_after = date_time_ymd(until, 1, 1);
        let cert = p.signed_by(&key, &self.cert, &self.key).expect("cert");
        (key.serialize_der(), cert.der().to_vec())
    }

    /// Writes `dir/file`: a PKCS#12 file (password [`PASSWORD`]) holding a key and its
    /// certificate for `common_name`, valid from 2019 to 1 January of `until`.
    pub fn p12(&self, dir: &Path, file: &str, common_name: &str, until: i32) {
        let (key, cert) = self.issue(common_name, until);
        let chain = PrivateKeyChain::new(
            b"1".to_vec(),
            PrivateKey::from_der(&key).expect("key"),
            [Certificate::from_der(&cert).expect("cert")],
        );
        let mut store = KeyStore::new();
        store.add_entry("k", KeyStoreEntry::PrivateKeyChain(chain));
        let p12 = store.writer(PASSWORD).write().expect("p12");
        std::fs::write(dir.join(file), p12).expect("write p12");
    }
}

/// Writes the right password to `dir/mk.txt` and a wrong one to `dir/sai.txt`.
pub fn password_files(dir: &Path) {
    std::fs::write(dir.join("mk.txt"), format!("{PASSWORD}\n")).expect("write");
    std::fs::write(dir.join("sai.txt"), "sai\n").expect("write");
}

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

/// A word of a PDF page as poppler's `pdftotext -bbox` places it, in points from the top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub text: String,
}

/// The words of page 1 of a PDF file, in reading order (pdftotext, from poppler-utils, which
/// `./x` installs).
pub fn page_one_words(pdf: &Path) -> Vec<Word> {
    let o = std::process::Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", "-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by ./x");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<word ")?;
            let num = |k: &str| -> f64 {
                let at = l.find(&format!("{k}=\"")).expect("attr") + k.len() + 2;
                l[at..at + l[at..].find('"').expect("quote")]
                    .parse()
                    .expect("number")
            };
            let text = l[l.find('>')? + 1..].trim_end_matches("</word>").to_owned();
            Some(Word {
                x_min: num("xMin"),
                x_max: num("xMax"),
                y_min: num("yMin"),
                y_max: num("yMax"),
                text,
            })
        })
        .collect()
}
