//! Which rows of a long table to render: the rows in view, one more at each edge, and a few more
//! on the side the user is scrolling toward.
//!
//! Every row rendered is paid for on each keystroke that changes the rows in view, so the margin
//! stays small while the table is still (typing a search leaves it still, at the top). A wheel step
//! or a fling moves several rows in a frame, before the new rows are drawn: the look-ahead covers
//! that, on the one side that needs it.

use std::ops::Range;

/// Rows rendered beyond each edge of the view.
const MARGIN: usize = 1;
/// Further rows rendered on the side the user is scrolling toward.
const LOOK_AHEAD: usize = 3;

/// Which way the table last scrolled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heading {
    Still,
    Down,
    Up,
}

impl Heading {
    /// The heading after a scroll from one offset to another. A scroll event that reports no move
    /// (the console had already recorded an offset it set itself) keeps `self`.
    pub fn after_scroll(self, from: usize, to: usize) -> Self {
        match to.cmp(&from) {
            std::cmp::Ordering::Greater => Heading::Down,
            std::cmp::Ordering::Less => Heading::Up,
            std::cmp::Ordering::Equal => self,
        }
    }
}

/// The positions to render, for a view whose first visible row is `top` and which has room for
/// `in_view` rows, out of `total`.
pub fn rows_to_render(top: usize, in_view: usize, total: usize, heading: Heading) -> Range<usize> {
    let (before, after) = match heading {
        Heading::Still => (MARGIN, MARGIN),
        Heading::Down => (MARGIN, MARGIN + LOOK_AHEAD),
        Heading::Up => (MARGIN + LOOK_AHEAD, MARGIN),
    };
    let end = top.saturating_add(in_view).saturating_add(after).min(total);
    top.saturating_sub(before).min(end)..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_still_table_renders_the_view_and_one_row_beyond_each_edge() {
        assert_eq!(rows_to_render(100, 13, 10_000, Heading::Still), 99..114);
    }

    #[test]
    fn at_the_top_nothing_is_rendered_above() {
        assert_eq!(rows_to_render(0, 13, 10_000, Heading::Still), 0..14);
        assert_eq!(rows_to_render(0, 13, 10_000, Heading::Up), 0..14);
    }

    #[test]
    fn scrolling_renders_further_ahead_on_that_side_only() {
        assert_eq!(rows_to_render(100, 13, 10_000, Heading::Down), 99..117);
        assert_eq!(rows_to_render(100, 13, 10_000, Heading::Up), 96..114);
    }

    #[test]
    fn the_range_never_passes_the_last_row() {
        assert_eq!(rows_to_render(9_990, 13, 10_000, Heading::Down), 9_989..10_000);
        assert_eq!(rows_to_render(0, 13, 5, Heading::Still), 0..5);
        assert_eq!(rows_to_render(0, 13, 0, Heading::Down), 0..0);
    }

    #[test]
    fn a_view_scrolled_past_a_shrunken_list_renders_nothing() {
        // The list shrank under a scrolled view, before the view was scrolled back.
        assert_eq!(rows_to_render(500, 13, 20, Heading::Still), 20..20);
    }

    #[test]
    fn a_scroll_that_did_not_move_keeps_the_heading() {
        assert_eq!(Heading::Still.after_scroll(0, 56), Heading::Down);
        assert_eq!(Heading::Down.after_scroll(560, 112), Heading::Up);
        assert_eq!(Heading::Up.after_scroll(112, 112), Heading::Up);
    }
}
