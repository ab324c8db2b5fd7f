//! The search over a load of keys. Every key's searchable text, lower-cased, is laid end to end in
//! one string, so a keystroke is a single scan of it rather than ten thousand small searches.

use crate::text::lowercase;

#[derive(Clone, Debug, Default)]
pub struct SearchText {
    text: String,
    /// Where each row's text ends in `text`, in row order.
    ends: Vec<usize>,
}

impl SearchText {
    /// `rows` gives, for each row in order, the pieces of text a search looks in.
    pub fn new<'a, R, P>(rows: R) -> Self
    where
        R: IntoIterator<Item = P>,
        P: IntoIterator<Item = &'a str>,
    {
        let mut search = Self::default();
        for pieces in rows {
            for piece in pieces {
                // Nearly every piece is ASCII, lower-cased in place without a copy of its own.
                if piece.is_ascii() {
                    let start = search.text.len();
                    search.text.push_str(piece);
                    search.text[start..].make_ascii_lowercase();
                } else {
                    search.text.push_str(&lowercase(piece));
                }
                // A separator, so a search never matches across two pieces.
                search.text.push('\n');
            }
            search.ends.push(search.text.len());
        }
        search
    }

    /// For each row, whether its text contains `needle`, which must already be lower-cased.
    pub fn hits(&self, needle: &str) -> Vec<bool> {
        if needle.is_empty() {
            return vec![true; self.ends.len()];
        }
        let mut hits = vec![false; self.ends.len()];
        // After a match that runs into the next row, the search goes on from its second character.
        let first_len = needle.chars().next().map_or(1, char::len_utf8);
        let (mut from, mut row) = (0, 0);
        while let Some(found) = self.text[from..].find(needle) {
            let start = from + found;
            while self.ends[row] <= start {
                row += 1;
            }
            let end = self.ends[row];
            // A match that runs into the next row belongs to neither; look again from its start.
            if start + needle.len() <= end {
                hits[row] = true;
                from = end;
            } else {
                from = start + first_len;
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(rows: &[&[&str]]) -> SearchText {
        SearchText::new(rows.iter().map(|pieces| pieces.iter().copied()))
    }

    #[test]
    fn finds_each_row_once_and_ignores_case() {
        let text = search(&[&["Website", "search"], &["Analytics"], &["website-2", "SEARCH"]]);
        assert_eq!(text.hits("search"), [true, false, true]);
        assert_eq!(text.hits("web"), [true, false, true]);
        assert_eq!(text.hits("lyt"), [false, true, false]);
        assert_eq!(text.hits("nothing"), [false, false, false]);
    }

    #[test]
    fn never_matches_across_pieces_or_rows() {
        let text = search(&[&["ab"], &["cd", "ef"]]);
        assert_eq!(text.hits("bc"), [false, false]);
        assert_eq!(text.hits("de"), [false, false]);
        assert_eq!(text.hits("b\nc"), [false, false]);
        assert_eq!(text.hits("d\ne"), [false, true], "within a row, as a single search of its text would");
    }

    #[test]
    fn a_match_split_by_a_row_end_does_not_hide_a_later_one() {
        let text = search(&[&["xa"], &["a\nab"]]);
        assert_eq!(text.hits("a\na"), [false, true]);
    }

    #[test]
    fn handles_no_rows_and_empty_rows() {
        assert!(search(&[]).hits("a").is_empty());
        assert_eq!(search(&[&[], &["a"]]).hits("a"), [false, true]);
        assert_eq!(search(&[&[], &["a"]]).hits(""), [true, true]);
    }
}
