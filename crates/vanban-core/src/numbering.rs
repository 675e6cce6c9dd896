//! Numbers computed from the document tree: sections (I., 1., a) or 1.1.), tasks (1, 1.1),
//! appendices (Phụ lục I) and document lists.

use crate::model::{
    Block, Content, Level, LevelStyle, ListMarker, Numbering, NumberingScheme, Section, TaskNode,
};

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

impl NumberingScheme {
    /// The style of the level at `depth` (1 = top).
    pub const fn style_at(self, depth: usize) -> LevelStyle {
        use LevelStyle as L;
        match (self, depth) {
            (NumberingScheme::RomanArabicLetter, 1) => L::Roman,
            (NumberingScheme::RomanArabicLetter, 2) => L::Arabic,
            (NumberingScheme::RomanArabicLetter, 3) => L::Letter,
            (NumberingScheme::RomanDecimal, 1) => L::Roman,
            (NumberingScheme::RomanDecimal, 2) => L::Arabic,
            (NumberingScheme::RomanDecimal, _) => L::Decimal,
            (NumberingScheme::Decimal, 1) => L::Arabic,
            (NumberingScheme::Decimal, _) => L::Decimal,
            (NumberingScheme::ArabicLetter, 1) => L::Arabic,
            (NumberingScheme::ArabicLetter, 2) => L::Letter,
            (NumberingScheme::Articles, 1) => L::Article,
            (NumberingScheme::Articles, 2) => L::Arabic,
            (NumberingScheme::Articles, 3) => L::Letter,
            _ => L::Dash,
        }
    }
}

impl Numbering {
    /// The level at `depth` (1 = the first level this numbering covers), or `None` when a
    /// numbering chosen level by level stops before it.
    pub fn level_at(&self, depth: usize) -> Option<Level> {
        match self {
            Numbering::Scheme(s) => Some(Level::from(s.style_at(depth))),
            Numbering::Levels(l) => depth.checked_sub(1).and_then(|i| l.levels.get(i)).copied(),
        }
    }

    /// The level at `depth` when nothing encloses this numbering: past the last level given,
    /// a `decimal` level repeats and anything else gives "-".
    pub fn level_or_fallback(&self, depth: usize) -> Level {
        self.level_at(depth).unwrap_or_else(|| match self {
            Numbering::Levels(l)
                if l.levels
                    .last()
                    .is_some_and(|l| l.style == LevelStyle::Decimal) =>
            {
                Level::from(LevelStyle::Decimal)
            }
            _ => Level::from(LevelStyle::Dash),
        })
    }

    /// The usual scheme this numbering is, if it is one.
    pub fn scheme(&self) -> Option<NumberingScheme> {
        match self {
            Numbering::Scheme(s) => Some(*s),
            Numbering::Levels(_) => None,
        }
    }
}

/// A heading's label from its level's style, its number and the chain of numbers a decimal
/// label carries ("3.1.1." for the chain `[3, 1, 1]`).
pub fn level_label(style: LevelStyle, n: u32, chain: &[u32]) -> String {
    match style {
        LevelStyle::Roman => format!("{}.", roman(n)),
        LevelStyle::Arabic => format!("{n}."),
        LevelStyle::Decimal => {
            if chain.is_empty() {
                format!("{n}.")
            } else {
                format!("{}.", join(chain))
            }
        }
        LevelStyle::Letter => format!("{})", letter(n)),
        LevelStyle::NumberParen => format!("{n})"),
        LevelStyle::NumberInParens => format!("({n})"),
        LevelStyle::Article => format!("Điều {n}."),
        LevelStyle::Part => format!("Phần {}", roman(n)),
        LevelStyle::Chapter => format!("Chương {}", roman(n)),
        LevelStyle::Section => format!("Mục {n}"),
        LevelStyle::Dash => "-".to_owned(),
        LevelStyle::Plus => "+".to_owned(),
        LevelStyle::None => String::new(),
    }
}

/// The chain of numbers a section's decimal label carries: its parent's chain and its own
/// number when it is decimal, its own number alone otherwise.
fn chain_of(style: LevelStyle, parent: &[u32], n: u32) -> Vec<u32> {
    if style == LevelStyle::Decimal {
        let mut c = parent.to_vec();
        c.push(n);
        c
    } else {
        vec![n]
    }
}

/// The label of a section at `path` (1-based numbers from the top level down) under one of
/// the usual schemes, with its punctuation: "I.", "1.", "a)", "1.1.".
pub fn section_label(scheme: NumberingScheme, path: &[u32]) -> String {
    let mut chain: Vec<u32> = Vec::new();
    let mut label = String::new();
    for (i, &n) in path.iter().enumerate() {
        let style = scheme.style_at(i + 1);
        chain = chain_of(style, &chain, n);
        label = level_label(style, n, &chain);
    }
    label
}

fn join(path: &[u32]) -> String {
    path.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// The numbers of sibling sections: counting from 1, or from a section's `number_from`.
pub fn sibling_numbers(sections: &[Section]) -> Vec<u32> {
    sibling_numbers_from(sections, 0)
}

fn sibling_numbers_from(sections: &[Section], before: u32) -> Vec<u32> {
    let mut next = before.saturating_add(1);
    sections
        .iter()
        .map(|s| {
            let n = s.number_from.unwrap_or(next);
            next = n.saturating_add(1);
            n
        })
        .collect()
}

/// Visits every section depth-first with its numeric path (numbers counted among siblings,
/// without the numbering's run-on levels; see [`walk_content`] for printed labels).
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

/// A numbered section as printed.
#[derive(Debug, Clone)]
pub struct Heading<'a> {
    /// The section.
    pub section: &'a Section,
    /// 1 for the top level.
    pub depth: usize,
    /// The section's number among its level (from 1, or run on from the previous parent's).
    pub number: u32,
    /// The style of its level.
    pub style: LevelStyle,
    /// The printed label: "III.", "3.1.", "a)", "Điều 2.", "Phần I", "-", or "" for none.
    pub label: String,
    /// The labels of its parents, outermost first, then its own.
    pub labels: Vec<String>,
    /// The numbers a decimal label carries (`[3, 1, 1]` for "3.1.1."), or its own number.
    pub chain: Vec<u32>,
    /// The field path of the section ("body.sections[2].subsections[0]").
    pub path: String,
}

/// One step through a text in reading order.
#[derive(Debug, Clone)]
pub enum Flow<'a> {
    /// A section's heading; its blocks, subsections and `after` blocks follow.
    Heading(Heading<'a>),
    /// A block (paragraph, list, table, tasks).
    Block {
        /// The block.
        block: &'a Block,
        /// The depth of the section it is in (0: outside any section).
        depth: usize,
        /// Its field path ("body.sections[0].after[1]").
        path: String,
    },
}

/// Walks a text in reading order: its blocks, each section's heading (numbered by
/// `numbering`, a section's own numbering applying to its subsections), blocks, subsections
/// and `after` blocks, then the text's `after` blocks. `base` is the field path of the
/// content ("body", "appendices[0].content.text").
pub fn walk_content<'a>(
    content: &'a Content,
    numbering: &Numbering,
    base: &str,
    f: &mut impl FnMut(Flow<'a>),
) {
    struct Walk<'n> {
        /// The numberings in force, innermost last, with the depth above their first level.
        stack: Vec<(usize, &'n Numbering)>,
        /// The last number given at each depth, for levels that run on.
        last: Vec<u32>,
        chain: Vec<Vec<u32>>,
        labels: Vec<String>,
    }
    impl<'n> Walk<'n> {
        fn level(&self, depth: usize) -> Level {
            for (base, numbering) in self.stack.iter().rev() {
                if let Some(l) = numbering.level_at(depth - base) {
                    return l;
                }
            }
            let (base, outer) = self.stack[0];
            outer.level_or_fallback(depth - base)
        }

        fn sections<'a>(
            &mut self,
            sections: &'a [Section],
            depth: usize,
            base: &str,
            f: &mut impl FnMut(Flow<'a>),
        ) where
            'a: 'n,
        {
            if sections.is_empty() {
                return;
            }
            let level = self.level(depth);
            if self.last.len() <= depth {
                self.last.resize(depth + 1, 0);
            }
            let before = if level.continues { self.last[depth] } else { 0 };
            let numbers = sibling_numbers_from(sections, before);
            for (i, (section, n)) in sections.iter().zip(numbers).enumerate() {
                self.last[depth] = n;
                let parent_chain = self.chain.last().cloned().unwrap_or_default();
                let chain = chain_of(level.style, &parent_chain, n);
                let label = level_label(level.style, n, &chain);
                let field = if depth == 1 {
                    "sections"
                } else {
                    "subsections"
                };
                let path = format!("{base}.{field}[{i}]");
                self.labels.push(label.clone());
                f(Flow::Heading(Heading {
                    section,
                    depth,
                    number: n,
                    style: level.style,
                    label,
                    labels: self.labels.clone(),
                    chain: chain.clone(),
                    path: path.clone(),
                }));
                blocks(&section.blocks, depth, &format!("{path}.blocks"), f);
                self.chain.push(chain);
                if let Some(own) = &section.numbering {
                    self.stack.push((depth, own));
                }
                self.sections(&section.subsections, depth + 1, &path, f);
                if section.numbering.is_some() {
                    self.stack.pop();
                }
                self.chain.pop();
                self.labels.pop();
                blocks(&section.after, depth, &format!("{path}.after"), f);
            }
        }
    }
    fn blocks<'a>(list: &'a [Block], depth: usize, base: &str, f: &mut impl FnMut(Flow<'a>)) {
        for (i, block) in list.iter().enumerate() {
            f(Flow::Block {
                block,
                depth,
                path: format!("{base}[{i}]"),
            });
        }
    }
    blocks(&content.blocks, 0, &format!("{base}.blocks"), f);
    let mut walk = Walk {
        stack: vec![(0, numbering)],
        last: Vec::new(),
        chain: Vec::new(),
        labels: Vec::new(),
    };
    walk.sections(&content.sections, 1, base, f);
    blocks(&content.after, 0, &format!("{base}.after"), f);
}

/// Every heading of a text, in reading order.
pub fn headings<'a>(content: &'a Content, numbering: &Numbering, base: &str) -> Vec<Heading<'a>> {
    let mut out = Vec::new();
    walk_content(content, numbering, base, &mut |flow| {
        if let Flow::Heading(h) = flow {
            out.push(h);
        }
    });
    out
}

/// A label as a reader refers to it: "mục 3.1.1" → "3.1.1", "Phần III" → "iii", "điểm a)" →
/// "a", "Điều 4." → "4".
pub fn reference_key(label: &str) -> String {
    let mut s = label.trim().to_lowercase();
    for prefix in ["phần", "chương", "mục", "tiểu mục", "điều", "khoản", "điểm"] {
        if let Some(rest) = s.strip_prefix(prefix)
            && rest.starts_with(char::is_whitespace)
        {
            s = rest.trim().to_owned();
            break;
        }
    }
    s.trim_start_matches('(')
        .trim_end_matches(['.', ')', ',', ';', ':'])
        .trim()
        .to_owned()
}

/// The sections a reader's reference names, the outermost label first: `["III", "3.1.1"]`
/// for "mục 3.1.1, phần III", `["4"]` for "Điều 4". A heading matches when its label is the
/// last one and its parents' labels hold the others in order.
pub fn find_sections<'a>(
    content: &'a Content,
    numbering: &Numbering,
    base: &str,
    labels: &[&str],
) -> Vec<Heading<'a>> {
    let keys: Vec<String> = labels.iter().map(|l| reference_key(l)).collect();
    let Some((last, outer)) = keys.split_last() else {
        return Vec::new();
    };
    headings(content, numbering, base)
        .into_iter()
        .filter(|h| {
            let own: Vec<String> = h.labels.iter().map(|l| reference_key(l)).collect();
            let Some((mine, parents)) = own.split_last() else {
                return false;
            };
            if mine.is_empty() || mine != last {
                return false;
            }
            let mut it = parents.iter();
            outer.iter().all(|k| it.any(|p| p == k))
        })
        .collect()
}

/// The marker a list gets when it names none: "-" at the first level, "+" inside an item,
/// "•" deeper.
pub fn default_list_marker(depth: usize) -> ListMarker {
    match depth {
        0 => ListMarker::Dash,
        1 => ListMarker::Plus,
        _ => ListMarker::Bullet,
    }
}

/// The printed marker of the `n`-th item (from 1): "-", "(3)", "3)", "3.", "c)".
pub fn list_marker(marker: ListMarker, n: u32) -> String {
    match marker {
        ListMarker::Dash => "-".to_owned(),
        ListMarker::Plus => "+".to_owned(),
        ListMarker::Star => "*".to_owned(),
        ListMarker::Bullet => "•".to_owned(),
        ListMarker::EnDash => "–".to_owned(),
        ListMarker::NumberInParens => format!("({n})"),
        ListMarker::NumberParen => format!("{n})"),
        ListMarker::NumberDot => format!("{n}."),
        ListMarker::LetterParen => format!("{})", letter(n)),
    }
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
