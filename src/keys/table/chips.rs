//! How many ACL chips fit in the table's ACL cell. A chip cut mid-word ("dele") says nothing, so
//! the cell shows the chips that fit whole and a "+N" chip for the rest, whose full list is on
//! hover and focus.

/// The average width of a character of the chips' text (0.8rem of the system sans-serif), in CSS
/// pixels; generous, so that a chip estimated to fit does.
const CHAR_PX: f64 = 7.0;
/// A chip's padding and the gap after it.
const CHIP_EXTRA_PX: f64 = 20.0;

fn chip_px(text_len: usize) -> f64 {
    text_len as f64 * CHAR_PX + CHIP_EXTRA_PX
}

/// How many of `names`, in order, to show as chips in `room` pixels, leaving room for the "+N"
/// chip when some are left out. At least none: a narrow cell shows only "+N".
pub fn chips_that_fit(names: &[String], room: f64) -> usize {
    let mut used = 0.0;
    for (i, name) in names.iter().enumerate() {
        used += chip_px(name.chars().count());
        let left = names.len() - i - 1;
        let marker = if left > 0 { chip_px(format!("+{left}").len()) } else { 0.0 };
        if used + marker > room {
            return i;
        }
    }
    names.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn all_fit_in_a_wide_cell() {
        assert_eq!(chips_that_fit(&names(&["search", "browse"]), 400.0), 2);
        assert_eq!(chips_that_fit(&[], 10.0), 0);
    }

    #[test]
    fn the_rest_collapse_with_room_kept_for_the_marker() {
        let acl = names(&["search", "addObject", "deleteObject", "nluWriteProject"]);
        // search (62) + addObject (83) + "+2" (34) = 179; with deleteObject (104) and "+1" it is 283.
        assert_eq!(chips_that_fit(&acl, 180.0), 2);
        assert_eq!(chips_that_fit(&acl, 178.0), 1);
        assert_eq!(chips_that_fit(&acl, 20.0), 0);
    }

    #[test]
    fn the_last_chip_needs_no_marker() {
        let acl = names(&["search", "browse"]);
        // 62 + 62 = 124: both fit without a "+1" after them.
        assert_eq!(chips_that_fit(&acl, 124.0), 2);
    }
}
