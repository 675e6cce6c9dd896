//! Numbers computed from the document tree: sections (I., 1., a) or 1.1.), tasks (1, 1.1),
//! appendices (Phụ lục I) and document lists.

use crate::model::{NumberingScheme, Section, TaskNode};

/// Roman numerals, upper case ("IV"). Zero gives an empty string.
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The letters of the Vietnamese alphabet used for điểm: a, b, c, d, đ, e, g, h, i, k, … (no
/// f, j, w, z).
pub const LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// The n-th điểm letter (1 → "a", 5 → "đ", 24 → "aa"). Zero gives an empty string.
pub fn letter(n: u32) -> String {
    let mut n = n as usize;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
    }
    out.reverse();
    out.concat()
}

/// The label of a section at `path` (1-based numbers from the top level down), with its
/// punctuation: "I.", "1.", "a)", "1.1.".
pub fn section_label(scheme: NumberingScheme, path: &[u32]) -> String {
    let depth = path.len();
    let Some(&last) = path.last() else {
        return String::new();
    };
    match scheme {
        NumberingScheme::RomanArabicLetter => match depth {
            1 => format!("{}.", roman(last)),
            2 => format!("{last}."),
            3 => format!("{})", letter(last)),
            _ => "-".to_owned(),
        },
        NumberingScheme::RomanDecimal => match depth {
            1 => format!("{}.", roman(last)),
            _ => format!("{}.", join(&path[1..])),
        },
        NumberingScheme::Decimal => format!("{}.", join(path)),
        NumberingScheme::ArabicLetter => match depth {
            1 => format!("{last}."),
            2 => format!("{})", letter(last)),
            _ => "-".to_owned(),
        },
        NumberingScheme::Articles => match depth {
            1 => format!("Điều {last}."),
            2 => format!("{last}."),
            3 => format!("{})", letter(last)),
            _ => "-".to_owned(),
        },
    }
}

fn join(path: &[u32]) -> String {
    path.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// The numbers of sibling sections: counting from 1, or from a section's `number_from`.
pub fn sibling_numbers(sections: &[Section]) -> Vec<u32> {
    let mut next = 1u32;
    sections
        .iter()
        .map(|s| {
            let n = s.number_from.unwrap_or(next);
            next = n.saturating_add(1);
            n
        })
        .collect()
}

/// Visits every section depth-first with its numeric path.
pub fn walk_sections<'a>(sections: &'a [Section], f: &mut impl FnMut(&[u32], &'a Section)) {
    fn go<'a>(
        sections: &'a [Section],
        path: &mut Vec<u32>,
        f: &mut impl FnMut(&[u32], &'a Section),
    ) {
        for (section, n) in sections.iter().zip(sibling_numbers(sections)) {
            path.push(n);
            f(path, section);
            go(&section.subsections, path, f);
            path.pop();
        }
    }
    go(sections, &mut Vec::new(), f);
}

/// The number of a task row ("1", "1.2"); a row that continues the previous task has none.
pub fn task_label(path: &[u32]) -> String {
    join(path)
}

/// Visits every task node depth-first with its path; a task with `continues_previous` shares
/// the previous number and gets `None`.
pub fn walk_tasks<'a>(nodes: &'a [TaskNode], f: &mut impl FnMut(Option<&[u32]>, &'a TaskNode)) {
    fn go<'a>(
        nodes: &'a [TaskNode],
        path: &mut Vec<u32>,
        f: &mut impl FnMut(Option<&[u32]>, &'a TaskNode),
    ) {
        let mut n = 0;
        for node in nodes {
            let continues = matches!(node, TaskNode::Task(t) if t.continues_previous && n > 0);
            if continues {
                f(None, node);
                continue;
            }
            n += 1;
            path.push(n);
            f(Some(path), node);
            if let TaskNode::Group { tasks, .. } = node {
                go(tasks, path, f);
            }
            path.pop();
        }
    }
    go(nodes, &mut Vec::new(), f);
}

/// "Phụ lục I", "Phụ lục II"…; a document with a single appendix prints "Phụ lục" alone.
pub fn appendix_label(index: usize, count: usize) -> String {
    if count <= 1 {
        "Phụ lục".to_owned()
    } else {
        format!(
            "Phụ lục {}",
            roman(u32::try_from(index + 1).unwrap_or(u32::MAX))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn articles_khoan_and_diem() {
        let s = NumberingScheme::Articles;
        assert_eq!(section_label(s, &[3]), "Điều 3.");
        assert_eq!(section_label(s, &[3, 2]), "2.");
        assert_eq!(section_label(s, &[3, 2, 5]), "đ)");
        assert_eq!(section_label(s, &[3, 2, 5, 1]), "-");
    }

    #[test]
    fn letters_skip_f_j_w_z_and_include_dd() {
        let first: Vec<String> = (1..=10).map(letter).collect();
        assert_eq!(first, ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"]);
        assert_eq!(letter(23), "y");
        assert_eq!(letter(24), "aa");
    }

    #[test]
    fn plan_style_labels() {
        let s = NumberingScheme::RomanArabicLetter;
        assert_eq!(section_label(s, &[4]), "IV.");
        assert_eq!(section_label(s, &[4, 2]), "2.");
        assert_eq!(section_label(s, &[4, 2, 5]), "đ)");
        assert_eq!(
            section_label(NumberingScheme::RomanDecimal, &[2, 1, 3]),
            "1.3."
        );
        assert_eq!(
            section_label(NumberingScheme::Decimal, &[2, 1, 3]),
            "2.1.3."
        );
    }

    proptest! {
        #[test]
        fn roman_numerals_read_back(n in 1u32..4000) {
            let r = roman(n);
            let value = |c| match c { 'I' => 1, 'V' => 5, 'X' => 10, 'L' => 50, 'C' => 100, 'D' => 500, _ => 1000 };
            let digits: Vec<u32> = r.chars().map(value).collect();
            let mut total = 0i64;
            for (i, d) in digits.iter().enumerate() {
                if digits.get(i + 1).is_some_and(|next| next > d) { total -= i64::from(*d) } else { total += i64::from(*d) }
            }
            prop_assert_eq!(total, i64::from(n));
            prop_assert!(!r.contains("IIII") && !r.contains("VV"));
        }

        #[test]
        fn letters_are_distinct_and_never_use_f_j_w_z(a in 1u32..600, b in 1u32..600) {
            let (la, lb) = (letter(a), letter(b));
            prop_assert_eq!(a == b, la == lb);
            prop_assert!(!la.contains(['f', 'j', 'w', 'z']));
        }

        #[test]
        fn decimal_labels_list_the_whole_path(path in proptest::collection::vec(1u32..50, 1..5)) {
            let label = section_label(NumberingScheme::Decimal, &path);
            let parts: Vec<u32> = label.trim_end_matches('.').split('.').map(|p| p.parse().unwrap_or(0)).collect();
            prop_assert_eq!(parts, path);
        }
    }
}
