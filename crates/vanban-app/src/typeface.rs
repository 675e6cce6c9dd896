//! Which typeface the PDF and the rule lengths use: the bundled Liberation Serif (metric-
//! compatible with Times New Roman, always there), or the system's own Times New Roman when it
//! is installed and the user allows it. The DOCX always names Times New Roman; Word and
//! LibreOffice pick the face on the reader's machine.

use std::path::{Path, PathBuf};

use vanban_render::metrics::FontFiles;

/// The family the decree asks for.
pub const TIMES_NEW_ROMAN: &str = "Times New Roman";

/// The four faces of one family, read from font files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typeface {
    /// The family name as the fonts give it.
    pub family: String,
    /// The files the faces came from: regular, bold, italic, bold italic.
    pub paths: [PathBuf; 4],
    faces: [Vec<u8>; 4],
}

impl Typeface {
    /// The faces, for the typesetter and the text metrics.
    pub fn files(&self) -> FontFiles<'_> {
        FontFiles {
            regular: &self.faces[0],
            bold: &self.faces[1],
            italic: &self.faces[2],
            bold_italic: &self.faces[3],
        }
    }
}

/// Where the system keeps fonts, on Linux, Windows and macOS.
pub fn system_font_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![
        PathBuf::from("/usr/share/fonts"),
        PathBuf::from("/usr/local/share/fonts"),
        PathBuf::from("/Library/Fonts"),
        PathBuf::from("/System/Library/Fonts/Supplemental"),
    ];
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    if let Some(windir) = std::env::var_os("WINDIR").map(PathBuf::from) {
        dirs.push(windir.join("Fonts"));
    }
    dirs
}

/// The system's Times New Roman, when all four faces are installed.
pub fn system_times_new_roman() -> Option<Typeface> {
    find_family(&system_font_dirs(), TIMES_NEW_ROMAN)
}

/// The four faces of `family` among the TrueType/OpenType files under `dirs` (searched to a
/// depth of four folders), or `None` when a face is missing. Files that are not fonts are
/// skipped.
pub fn find_family(dirs: &[PathBuf], family: &str) -> Option<Typeface> {
    let mut found: [Option<(PathBuf, Vec<u8>)>; 4] = Default::default();
    let mut files = Vec::new();
    for dir in dirs {
        collect_font_files(dir, 4, &mut files);
    }
    files.sort();
    for path in files {
        if found.iter().all(Option::is_some) {
            break;
        }
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        let Some(slot) = face_slot(&data, family) else {
            continue;
        };
        if found[slot].is_none() {
            found[slot] = Some((path, data));
        }
    }
    let [r, b, i, bi] = found;
    let (r, b, i, bi) = (r?, b?, i?, bi?);
    Some(Typeface {
        family: family.to_owned(),
        paths: [r.0, b.0, i.0, bi.0],
        faces: [r.1, b.1, i.1, bi.1],
    })
}

fn collect_font_files(dir: &Path, depth: u32, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if depth > 0 {
                collect_font_files(&path, depth - 1, out);
            }
        } else if path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .is_some_and(|e| e == "ttf" || e == "otf")
        {
            out.push(path);
        }
    }
}

/// 0 regular, 1 bold, 2 italic, 3 bold italic, when the font is a face of `family`.
fn face_slot(data: &[u8], family: &str) -> Option<usize> {
    let face = ttf_parser::Face::parse(data, 0).ok()?;
    let is_family = face.names().into_iter().any(|name| {
        (name.name_id == ttf_parser::name_id::FAMILY
            || name.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
            && name
                .to_string()
                .is_some_and(|n| n.eq_ignore_ascii_case(family))
    });
    if !is_family {
        return None;
    }
    Some(match (face.is_bold(), face.is_italic()) {
        (false, false) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (true, true) => 3,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder holding the bundled Liberation Serif files under other names, plus a file that
    /// only pretends to be a font.
    fn font_folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let f = vanban_render::fonts::liberation_serif();
        let nested = dir.path().join("truetype/liberation");
        std::fs::create_dir_all(&nested).expect("folders");
        for (name, data) in [
            ("a.ttf", f.bold_italic),
            ("b.ttf", f.italic),
            ("c.TTF", f.bold),
            ("d.ttf", f.regular),
        ] {
            std::fs::write(nested.join(name), data).expect("write");
        }
        std::fs::write(dir.path().join("broken.ttf"), b"not a font").expect("write");
        dir
    }

    #[test]
    fn the_four_faces_are_told_apart_by_the_fonts_not_the_file_names() {
        let dir = font_folder();
        let t = find_family(&[dir.path().to_owned()], "Liberation Serif").expect("found");
        let names: Vec<String> = t
            .paths
            .iter()
            .map(|p| {
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["d.ttf", "c.TTF", "b.ttf", "a.ttf"]);
        let f = vanban_render::fonts::liberation_serif();
        assert_eq!(t.files().regular, f.regular);
        assert_eq!(t.files().bold_italic, f.bold_italic);
    }

    #[test]
    fn a_family_that_is_not_installed_or_incomplete_is_none() {
        let dir = font_folder();
        assert_eq!(find_family(&[dir.path().to_owned()], TIMES_NEW_ROMAN), None);
        std::fs::remove_file(dir.path().join("truetype/liberation/a.ttf")).expect("remove");
        assert_eq!(
            find_family(&[dir.path().to_owned()], "Liberation Serif"),
            None,
            "bold italic missing"
        );
        assert_eq!(
            find_family(&[dir.path().join("nowhere")], "Liberation Serif"),
            None
        );
    }
}
