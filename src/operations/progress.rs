//! Where one write stands, in words: what it is doing while it runs (and, after a few seconds on a
//! host that does not answer, which host it waits for and for how long), and how it ended. Plain
//! logic with the time passed in, so a page only renders it.

use crate::algolia::HostEvent;

/// A try is described as slow after this long without an answer.
pub const SLOW_AFTER_MS: f64 = 3_000.0;

/// One write, as the page that started it shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum WriteStatus {
    #[default]
    Idle,
    /// Under way.
    Working(Activity),
    /// Done, and the server's answer understood (or the change seen in a reload).
    Done(Finished),
    /// Ended without success. `retry`: sending it again may work.
    Failed { message: String, retry: bool },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    pub message: String,
    /// The key the write was about: the new key's value, for a create.
    pub value: Option<String>,
    /// Its answer could not be read, and a check found the change applied: worth a notice.
    pub checked: bool,
}

/// What a running write is doing now.
#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    /// "Saving", "Deleting", "Checking"…
    pub doing: &'static str,
    /// The try under way: host, when it started, how long it may take.
    pub host: Option<(String, f64, f64)>,
    /// The last host that failed, and whether it timed out.
    pub last_failed: Option<(String, bool)>,
    /// Anything else worth saying (a restore retrying while a deletion spreads).
    pub note: Option<String>,
}

impl Activity {
    pub fn new(doing: &'static str) -> Self {
        Self { doing, host: None, last_failed: None, note: None }
    }

    /// Takes in what the request reports.
    pub fn hear(&mut self, event: HostEvent) {
        match event {
            HostEvent::Trying { host, timeout_ms, at_ms } => self.host = Some((host, at_ms, timeout_ms)),
            HostEvent::Failed { host, timed_out } => {
                self.host = None;
                self.last_failed = Some((host, timed_out));
            }
        }
    }

    /// The words for now: the activity, then the host it waits for once that takes a while.
    pub fn describe(&self, now_ms: f64) -> String {
        let mut text = format!("{}…", self.doing);
        if let Some(note) = &self.note {
            text = format!("{text} {note}");
        }
        if let (Some((failed, timed_out)), Some((host, _, _))) = (&self.last_failed, &self.host) {
            let why = if *timed_out { "did not answer in time" } else { "failed" };
            text = format!("{text} Host {failed} {why}; trying {host}.");
        }
        if let Some((host, started, timeout)) = &self.host {
            let waited = now_ms - started;
            if waited >= SLOW_AFTER_MS {
                // Whole seconds as integers: formatting an f64 would bring its Display code into the bundle.
                let left = ((timeout - waited) / 1000.0).ceil().max(0.0) as u64;
                text = format!(
                    "{text} Host {host} is not answering ({} s so far); it is given {left} s more before the \
                     next host, if any, is tried.",
                    (waited / 1000.0).floor() as u64
                );
            }
        }
        text
    }
}

impl WriteStatus {
    pub fn is_working(&self) -> bool {
        matches!(self, Self::Working(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trying(host: &str, at_ms: f64) -> HostEvent {
        HostEvent::Trying { host: host.into(), timeout_ms: 31_000.0, at_ms }
    }

    #[test]
    fn a_quick_write_says_only_what_it_does() {
        let mut activity = Activity::new("Saving");
        activity.hear(trying("https://a", 0.0));
        assert_eq!(activity.describe(1_000.0), "Saving…");
    }

    #[test]
    fn a_host_that_hangs_is_named_after_a_few_seconds() {
        let mut activity = Activity::new("Deleting");
        activity.hear(trying("https://a", 0.0));
        assert_eq!(
            activity.describe(5_200.0),
            "Deleting… Host https://a is not answering (5 s so far); it is given 26 s more before the next \
             host, if any, is tried."
        );
    }

    #[test]
    fn moving_on_names_both_hosts() {
        let mut activity = Activity::new("Saving");
        activity.hear(trying("https://a", 0.0));
        activity.hear(HostEvent::Failed { host: "https://a".into(), timed_out: true });
        activity.hear(trying("https://b", 31_000.0));
        assert_eq!(
            activity.describe(31_500.0),
            "Saving… Host https://a did not answer in time; trying https://b."
        );
    }

    #[test]
    fn a_note_is_part_of_the_words() {
        let mut activity = Activity::new("Restoring");
        activity.note = Some("Retrying in 2 s.".into());
        assert_eq!(activity.describe(0.0), "Restoring… Retrying in 2 s.");
    }
}
