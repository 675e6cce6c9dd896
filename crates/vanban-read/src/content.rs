//! A PDF content stream read as operations (ISO 32000-1 §7.2, §7.8.2), just for what the text
//! layer needs: numbers, names, strings and arrays as operands, everything else (dictionaries,
//! booleans, inline images) skipped.
//!
//! lopdf's `Content::decode` builds a general object for every token with a parser combinator
//! library and allocates for each; on a 20-page document it took about half the time of a
//! whole read. This lexer borrows names and strings without escapes from the stream, never
//! fails (a broken token ends the stream or becomes an ignored operand), and bounds nesting.

use std::borrow::Cow;

/// An operand of an operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    /// An integer or real number.
    Number(f32),
    /// A name, without its "/" (escapes "#xx" resolved).
    Name(Cow<'a, [u8]>),
    /// A literal or hexadecimal string's bytes.
    Str(Cow<'a, [u8]>),
    /// An array.
    Array(Vec<Operand<'a>>),
    /// Anything else: a dictionary, a boolean, null, a malformed token.
    Other,
}

impl Operand<'_> {
    /// The number, if it is one.
    pub fn number(&self) -> Option<f32> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// Deepest nesting of arrays and dictionaries kept; deeper ones are skipped.
const MAX_DEPTH: usize = 32;

fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Closes one level of what is being skipped (a dictionary, or an array nested too deep); the
/// outermost one stands as one [`Operand::Other`] where it was. False when nothing was skipped.
fn end_skipped<'a>(
    skipping: &mut usize,
    open: &mut [Vec<Operand<'a>>],
    operands: &mut Vec<Operand<'a>>,
) -> bool {
    if *skipping == 0 {
        return false;
    }
    *skipping -= 1;
    if *skipping == 0 {
        match open.last_mut() {
            Some(a) => a.push(Operand::Other),
            None => operands.push(Operand::Other),
        }
    }
    true
}

/// The operations of a content stream, in order, each handed to `f` with its operator and
/// operands; at most `max_ops` of them.
pub fn operations<'a>(data: &'a [u8], max_ops: usize, mut f: impl FnMut(&[u8], &[Operand<'a>])) {
    let mut lx = Lexer { data, at: 0 };
    // Operands of the operation being read, and the arrays open inside them.
    let mut operands: Vec<Operand<'a>> = Vec::new();
    let mut open: Vec<Vec<Operand<'a>>> = Vec::new();
    // Dictionaries (and arrays past the depth limit) being skipped.
    let mut skipping = 0usize;
    let mut ops = 0usize;
    while ops < max_ops {
        let Some(token) = lx.next() else { break };
        let value = match token {
            Token::ArrayStart => {
                if open.len() < MAX_DEPTH && skipping == 0 {
                    open.push(Vec::new());
                } else {
                    skipping += 1;
                }
                continue;
            }
            Token::ArrayEnd => {
                if end_skipped(&mut skipping, &mut open, &mut operands) {
                    continue;
                }
                match open.pop() {
                    Some(items) => Operand::Array(items),
                    // A stray "]": ignored.
                    None => continue,
                }
            }
            Token::DictStart => {
                skipping += 1;
                continue;
            }
            Token::DictEnd => {
                end_skipped(&mut skipping, &mut open, &mut operands);
                continue;
            }
            Token::Value(v) => v,
            Token::Keyword(k) => {
                if skipping > 0 || !open.is_empty() {
                    // "true", "null" inside an array or a dictionary; an operator inside an
                    // unclosed array ends it (a broken stream).
                    if skipping == 0 && !matches!(k, b"true" | b"false" | b"null") {
                        while let Some(items) = open.pop() {
                            match open.last_mut() {
                                Some(a) => a.push(Operand::Array(items)),
                                None => operands.push(Operand::Array(items)),
                            }
                        }
                    } else {
                        if skipping == 0
                            && let Some(a) = open.last_mut()
                        {
                            a.push(Operand::Other);
                        }
                        continue;
                    }
                }
                if matches!(k, b"true" | b"false" | b"null") {
                    operands.push(Operand::Other);
                    continue;
                }
                ops += 1;
                if k == b"ID" {
                    // Inline image data: up to "EI" standing alone.
                    lx.skip_inline_image();
                } else {
                    f(k, &operands);
                }
                operands.clear();
                continue;
            }
        };
        if skipping > 0 {
            continue;
        }
        match open.last_mut() {
            Some(a) => a.push(value),
            None => operands.push(value),
        }
        // A runaway operand list (no operator for a long time) is cut short.
        if operands.len() > 4096 {
            operands.clear();
        }
    }
}

enum Token<'a> {
    Value(Operand<'a>),
    Keyword(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
}

struct Lexer<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.data.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.at += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_space();
            let b = self.peek()?;
            match b {
                b'[' => {
                    self.at += 1;
                    return Some(Token::ArrayStart);
                }
                b']' => {
                    self.at += 1;
                    return Some(Token::ArrayEnd);
                }
                b'<' if self.data.get(self.at + 1) == Some(&b'<') => {
                    self.at += 2;
                    return Some(Token::DictStart);
                }
                b'>' if self.data.get(self.at + 1) == Some(&b'>') => {
                    self.at += 2;
                    return Some(Token::DictEnd);
                }
                b'<' => {
                    self.at += 1;
                    return Some(Token::Value(Operand::Str(Cow::Owned(self.hex_string()))));
                }
                b'(' => {
                    self.at += 1;
                    return Some(Token::Value(Operand::Str(self.literal_string())));
                }
                b'/' => {
                    self.at += 1;
                    let start = self.at;
                    while self.peek().is_some_and(is_regular) {
                        self.at += 1;
                    }
                    let raw = &self.data[start..self.at];
                    return Some(Token::Value(Operand::Name(name(raw))));
                }
                b')' | b'>' | b'{' | b'}' => {
                    // Stray delimiters (and PostScript braces): skipped.
                    self.at += 1;
                }
                _ => {
                    let start = self.at;
                    while self.peek().is_some_and(is_regular) {
                        self.at += 1;
                    }
                    let word = &self.data[start..self.at];
                    let first = word[0];
                    if first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.') {
                        let n = std::str::from_utf8(word)
                            .ok()
                            .and_then(|s| s.parse::<f32>().ok())
                            .filter(|n| n.is_finite());
                        return Some(Token::Value(match n {
                            Some(n) => Operand::Number(n),
                            None => Operand::Other,
                        }));
                    }
                    return Some(Token::Keyword(word));
                }
            }
        }
    }

    /// After "<": hexadecimal digits up to ">", white space ignored, a last odd digit
    /// followed by 0.
    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.at += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = hex_value(b) else { continue };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// After "(": up to the balancing ")", escapes resolved; borrowed when there are none.
    fn literal_string(&mut self) -> Cow<'a, [u8]> {
        let start = self.at;
        let mut depth = 0usize;
        // Fast path: no backslash and no carriage return.
        while let Some(b) = self.peek() {
            match b {
                b'(' => depth += 1,
                b')' if depth == 0 => {
                    let s = &self.data[start..self.at];
                    self.at += 1;
                    return Cow::Borrowed(s);
                }
                b')' => depth -= 1,
                b'\\' | b'\r' => break,
                _ => {}
            }
            self.at += 1;
        }
        let mut out = self.data[start..self.at].to_vec();
        while let Some(b) = self.peek() {
            self.at += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => return Cow::Owned(out),
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                b'\r' => {
                    // An end of line in a string is read as "\n".
                    if self.peek() == Some(b'\n') {
                        self.at += 1;
                    }
                    out.push(b'\n');
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(b'\x08'),
                        b'f' => out.push(b'\x0c'),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        b'\r' => {
                            // A line continuation.
                            if self.peek() == Some(b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        Cow::Owned(out)
    }

    /// After "ID": the image data, up to "EI" between white space (or at the end).
    fn skip_inline_image(&mut self) {
        // One white-space byte follows "ID".
        self.at += 1;
        while self.at + 1 < self.data.len() {
            if self.data[self.at] == b'E'
                && self.data[self.at + 1] == b'I'
                && self.at > 0
                && is_white(self.data[self.at - 1])
                && self.data.get(self.at + 2).is_none_or(|b| is_white(*b))
            {
                self.at += 2;
                return;
            }
            self.at += 1;
        }
        self.at = self.data.len();
    }
}

/// A name's bytes with "#xx" escapes resolved.
fn name(raw: &[u8]) -> Cow<'_, [u8]> {
    if !raw.contains(&b'#') {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#'
            && let (Some(h), Some(l)) = (
                raw.get(i + 1).copied().and_then(hex_value),
                raw.get(i + 2).copied().and_then(hex_value),
            )
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut out = Vec::new();
        operations(data, usize::MAX, |op, operands| {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.to_vec()))
        });
        out
    }

    #[test]
    fn reads_text_operations() {
        let got = ops(
            b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm [(A\\(b\\)) -250 <0041 0>] TJ (x\\101\\\ny) Tj ET",
        );
        assert_eq!(got[0].0, "BT");
        assert_eq!(
            got[1],
            (
                "Tf".into(),
                vec![Operand::Name(Cow::Borrowed(b"F1")), Operand::Number(12.0)]
            )
        );
        assert_eq!(got[2].1[4], Operand::Number(72.5));
        assert_eq!(got[2].1[5], Operand::Number(-0.5));
        assert_eq!(
            got[3].1,
            vec![Operand::Array(vec![
                Operand::Str(Cow::Borrowed(b"A(b)")),
                Operand::Number(-250.0),
                Operand::Str(Cow::Borrowed(&[0, 0x41, 0])),
            ])]
        );
        assert_eq!(got[4].1, vec![Operand::Str(Cow::Borrowed(b"xAy"))]);
        assert_eq!(got[5].0, "ET");
    }

    #[test]
    fn skips_dictionaries_inline_images_and_comments() {
        let got = ops(
            b"/P <</MCID 0 /A [1 2]>> BDC % note\nBI /W 1 /H 1 ID \x00EI\xff EI Q [1 [2 [3]]] TJ",
        );
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BDC", "BI", "Q", "TJ"]);
        assert_eq!(got[0].1.len(), 2);
        assert!(matches!(&got[3].1[0], Operand::Array(a) if a.len() == 2));
    }

    #[test]
    fn never_fails_on_broken_input() {
        for data in [
            &b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ Tj"[..],
            b"(unclosed",
            b"<4",
            b"<<<<>> ]]] )) 1.2.3 Tj",
            b"BI ID",
            b"/#4",
        ] {
            let _ = ops(data);
        }
    }
}
