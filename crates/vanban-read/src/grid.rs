//! Tables of a PDF found from their ruling lines: the borders a table's cells are drawn with
//! (stroked lines, or thin filled rectangles as Word draws them) are joined into grids, and a
//! grid's boundaries say which cells span columns or rows. Text is then placed in the cells by
//! position, so a cell's lines stay together however the row is laid out (text centred
//! vertically, a multi-line header, a landscape page).

/// A ruling line, horizontal or vertical, in page space (y grows upwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// True for a horizontal line.
    pub horizontal: bool,
    /// Its y (horizontal) or x (vertical).
    pub at: f32,
    /// Where it starts along its length (the smaller coordinate).
    pub from: f32,
    /// Where it ends (the larger coordinate).
    pub to: f32,
}

impl Rule {
    /// The line from `(x0, y0)` to `(x1, y1)` when it is horizontal or vertical and long
    /// enough to be a border.
    pub fn between(x0: f32, y0: f32, x1: f32, y1: f32) -> Option<Rule> {
        let finite = [x0, y0, x1, y1].iter().all(|v| v.is_finite());
        if !finite {
            return None;
        }
        if (y0 - y1).abs() < STRAIGHT && (x0 - x1).abs() >= SHORTEST {
            Some(Rule {
                horizontal: true,
                at: (y0 + y1) / 2.0,
                from: x0.min(x1),
                to: x0.max(x1),
            })
        } else if (x0 - x1).abs() < STRAIGHT && (y0 - y1).abs() >= SHORTEST {
            Some(Rule {
                horizontal: false,
                at: (x0 + x1) / 2.0,
                from: y0.min(y1),
                to: y0.max(y1),
            })
        } else {
            None
        }
    }

    /// A filled rectangle thin enough to be a drawn line.
    pub fn filled(x: f32, y: f32, w: f32, h: f32) -> Option<Rule> {
        let (x0, x1) = (x.min(x + w), x.max(x + w));
        let (y0, y1) = (y.min(y + h), y.max(y + h));
        if y1 - y0 <= THIN {
            Rule::between(x0, (y0 + y1) / 2.0, x1, (y0 + y1) / 2.0)
        } else if x1 - x0 <= THIN {
            Rule::between((x0 + x1) / 2.0, y0, (x0 + x1) / 2.0, y1)
        } else {
            None
        }
    }

    fn crosses(&self, other: &Rule) -> bool {
        self.horizontal != other.horizontal
            && other.at >= self.from - NEAR
            && other.at <= self.to + NEAR
            && self.at >= other.from - NEAR
            && self.at <= other.to + NEAR
    }

    fn covers(&self, along: f32) -> bool {
        along >= self.from - NEAR && along <= self.to + NEAR
    }
}

/// How far from straight a line may be, in points.
const STRAIGHT: f32 = 0.8;
/// The shortest border, in points (shorter strokes are glyph parts or decorations).
const SHORTEST: f32 = 4.0;
/// The thickest filled rectangle taken as a line.
const THIN: f32 = 2.5;
/// How near two lines must come to touch, in points.
const NEAR: f32 = 2.0;

/// A table's grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column boundaries, left to right (one more than the columns).
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom (one more than the rows).
    pub ys: Vec<f32>,
    vertical: Vec<Rule>,
    horizontal: Vec<Rule>,
}

impl Grid {
    /// How many columns.
    pub fn columns(&self) -> usize {
        self.xs.len() - 1
    }

    /// How many rows.
    pub fn rows(&self) -> usize {
        self.ys.len() - 1
    }

    /// True when the point is inside the grid's outer border.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        let (left, right) = (self.xs[0], self.xs[self.xs.len() - 1]);
        let (top, bottom) = (self.ys[0], self.ys[self.ys.len() - 1]);
        x >= left - NEAR && x <= right + NEAR && y <= top + NEAR && y >= bottom - NEAR
    }

    /// The top edge.
    pub fn top(&self) -> f32 {
        self.ys[0]
    }

    /// True when a line is drawn at column boundary `k` along row `r` (cells on both sides
    /// are apart).
    fn parted_across(&self, r: usize, k: usize) -> bool {
        if k == 0 || k >= self.columns() {
            return true;
        }
        let mid = (self.ys[r] + self.ys[r + 1]) / 2.0;
        let x = self.xs[k];
        self.vertical
            .iter()
            .any(|v| (v.at - x).abs() <= NEAR && v.covers(mid))
    }

    /// True when a line is drawn at row boundary `r` along column `c` (the cell is apart from
    /// the one above).
    fn parted_above(&self, r: usize, c: usize) -> bool {
        if r == 0 || r >= self.rows() {
            return true;
        }
        let mid = (self.xs[c] + self.xs[c + 1]) / 2.0;
        let y = self.ys[r];
        self.horizontal
            .iter()
            .any(|h| (h.at - y).abs() <= NEAR && h.covers(mid))
    }

    /// The cell a point falls in, as (row, column) of the cell's top-left place (a cell
    /// spanning several places is addressed by its first).
    pub fn cell_at(&self, x: f32, y: f32) -> Option<(usize, usize)> {
        if !self.contains(x, y) {
            return None;
        }
        let c = (0..self.columns())
            .rev()
            .find(|&c| x + 0.5 >= self.xs[c])
            .unwrap_or(0);
        let r = (0..self.rows())
            .find(|&r| y >= self.ys[r + 1])
            .unwrap_or(self.rows() - 1);
        let mut c0 = c;
        while !self.parted_across(r, c0) {
            c0 -= 1;
        }
        let mut r0 = r;
        while !self.parted_above(r0, c0) {
            r0 -= 1;
        }
        Some((r0, c0))
    }

    /// For every row, how many columns each place spans: the span at a cell's first place, 0
    /// at the places it covers, 1 at places covered from above (merged with the cell above).
    pub fn spans(&self) -> Vec<Vec<u32>> {
        (0..self.rows())
            .map(|r| {
                let mut row = vec![0u32; self.columns()];
                let mut start = 0;
                for k in 1..=self.columns() {
                    if self.parted_across(r, k) {
                        row[start] = u32::try_from(k - start).unwrap_or(1);
                        start = k;
                    }
                }
                row
            })
            .collect()
    }
}

/// Rules lying on one line and touching, joined into one.
fn joined(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Rule> = Vec::new();
    for r in rules {
        match out
            .iter_mut()
            .rev()
            .take_while(|o| (o.at - r.at).abs() <= STRAIGHT)
            .find(|o| r.from <= o.to + NEAR)
        {
            Some(o) => o.to = o.to.max(r.to),
            None => out.push(r),
        }
    }
    out
}

/// Positions within `NEAR` of each other taken as one.
fn distinct(mut v: Vec<f32>, descending: bool) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        match out.last() {
            Some(l) if x - l <= NEAR => {}
            _ => out.push(x),
        }
    }
    if descending {
        out.reverse();
    }
    out
}

/// Most rules looked at on one page (a page of hatching is no table).
const MAX_RULES: usize = 4_000;

/// The grids the rules of one page make: rules that cross each other belong to one table; a
/// table has at least two columns and one row.
pub fn grids(rules: &[Rule]) -> Vec<Grid> {
    if rules.len() > MAX_RULES {
        return Vec::new();
    }
    let h = joined(rules.iter().copied().filter(|r| r.horizontal).collect());
    let v = joined(rules.iter().copied().filter(|r| !r.horizontal).collect());
    let all: Vec<Rule> = h.into_iter().chain(v).collect();
    // Union-find over crossing rules.
    let mut parent: Vec<usize> = (0..all.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..all.len() {
        for j in i + 1..all.len() {
            if all[i].crosses(&all[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Rule>> = Default::default();
    for (i, r) in all.iter().enumerate() {
        let g = root(&mut parent, i);
        groups.entry(g).or_default().push(*r);
    }
    let mut out: Vec<Grid> = groups
        .into_values()
        .filter_map(|rules| {
            let (horizontal, vertical): (Vec<Rule>, Vec<Rule>) =
                rules.into_iter().partition(|r| r.horizontal);
            let xs = distinct(vertical.iter().map(|r| r.at).collect(), false);
            let ys = distinct(horizontal.iter().map(|r| r.at).collect(), true);
            (xs.len() >= 3 && ys.len() >= 2).then_some(Grid {
                xs,
                ys,
                vertical,
                horizontal,
            })
        })
        .collect();
    out.sort_by(|a, b| b.top().total_cmp(&a.top()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule::between(x0, y, x1, y).expect("horizontal")
    }

    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule::between(x, y0, x, y1).expect("vertical")
    }

    /// STT | Nội dung | Chủ trì, with a group row whose title spans the last two columns and
    /// each cell's borders drawn separately.
    fn table() -> Vec<Rule> {
        let mut r = vec![
            h(700.0, 50.0, 100.0),
            h(700.0, 100.0, 300.0),
            h(700.0, 300.0, 400.0),
            h(680.0, 50.0, 400.0),
            h(660.0, 50.0, 400.0),
            h(600.0, 50.0, 400.0),
        ];
        for x in [50.0, 100.0, 400.0] {
            r.push(v(x, 600.0, 700.0));
        }
        // Between Nội dung and Chủ trì: not along the group row (680–660).
        r.push(v(300.0, 680.0, 700.0));
        r.push(v(300.0, 600.0, 660.0));
        // The short rule under a body's name, far away: no table.
        r.push(h(780.0, 80.0, 140.0));
        r
    }

    #[test]
    fn crossing_rules_make_one_grid_with_its_merged_cells() {
        let g = grids(&table());
        assert_eq!(g.len(), 1);
        let g = &g[0];
        assert_eq!(g.columns(), 3);
        assert_eq!(g.rows(), 3);
        assert_eq!(g.spans(), vec![vec![1, 1, 1], vec![1, 2, 0], vec![1, 1, 1]]);
        // Text in the group row's right half belongs to the spanning cell.
        assert_eq!(g.cell_at(350.0, 670.0), Some((1, 1)));
        assert_eq!(g.cell_at(350.0, 630.0), Some((2, 2)));
        assert_eq!(g.cell_at(60.0, 690.0), Some((0, 0)));
        assert_eq!(g.cell_at(20.0, 690.0), None);
    }

    #[test]
    fn a_cell_without_the_line_above_is_merged_with_the_one_above() {
        let mut r = table();
        // Split the last row in two, except in the first column (STT spans both).
        r.push(h(630.0, 100.0, 400.0));
        let g = &grids(&r)[0];
        assert_eq!(g.rows(), 4);
        assert_eq!(g.cell_at(60.0, 610.0), Some((2, 0)));
        assert_eq!(g.cell_at(200.0, 610.0), Some((3, 1)));
    }

    #[test]
    fn thin_filled_rectangles_are_lines_and_lone_rules_no_table() {
        assert_eq!(
            Rule::filled(50.0, 700.0, 350.0, 0.5).map(|r| r.horizontal),
            Some(true)
        );
        assert_eq!(
            Rule::filled(50.0, 600.0, 0.5, 100.0).map(|r| r.horizontal),
            Some(false)
        );
        assert_eq!(Rule::filled(50.0, 600.0, 40.0, 40.0), None);
        assert!(grids(&[h(780.0, 80.0, 140.0), h(300.0, 80.0, 500.0)]).is_empty());
        assert_eq!(Rule::between(0.0, 0.0, 1.0, 1.0), None);
    }
}
