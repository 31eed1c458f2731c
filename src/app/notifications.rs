//! What happened, for the person to read again: saved an export to…, could
//! not save…, imported…. The newest shows in the status bar on the screen
//! where it happened; every one stays in a list that can be reopened.

use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Something went as asked.
    Done,
    /// Something did not go through, or needs the person's attention.
    Problem,
}

#[derive(Debug, Clone)]
pub struct Notification {
    pub severity: Severity,
    pub text: String,
    /// A folder the notification is about (where an export went), to open.
    pub folder: Option<PathBuf>,
    pub at: Instant,
}

impl Notification {
    /// "just now", "3 min ago", "2 h ago".
    pub fn age(&self, now: Instant) -> String {
        let minutes = now.saturating_duration_since(self.at).as_secs() / 60;
        match minutes {
            0 => "just now".to_owned(),
            1..=59 => format!("{minutes} min ago"),
            _ => format!("{} h ago", minutes / 60),
        }
    }
}

/// Every notification of this run, newest last.
#[derive(Debug, Default)]
pub struct Notifications {
    list: Vec<Notification>,
    /// Whether the newest one still shows in the status bar: it does until
    /// the person goes to another screen.
    showing_latest: bool,
    pub panel_open: bool,
}

/// More than this and the oldest are dropped; a session never comes near.
const KEPT: usize = 200;

impl Notifications {
    pub fn toggle_panel(&mut self) {
        self.panel_open = !self.panel_open;
    }

    /// Something went as asked.
    pub fn done(&mut self, text: impl Into<String>) {
        self.push(Severity::Done, text, None);
    }

    /// Something did not go through.
    pub fn problem(&mut self, text: impl Into<String>) {
        self.push(Severity::Problem, text, None);
    }

    /// A problem with its causes, outermost first ("The copy could not be
    /// written: disk full").
    pub fn failed(&mut self, error: &anyhow::Error) {
        self.problem(format!("{error:#}"));
    }

    /// A file was saved: the notification offers to open its folder.
    pub fn saved(&mut self, text: impl Into<String>, path: &std::path::Path) {
        self.push(
            Severity::Done,
            text,
            path.parent().map(std::path::Path::to_path_buf),
        );
    }

    pub fn push(&mut self, severity: Severity, text: impl Into<String>, folder: Option<PathBuf>) {
        self.list.push(Notification {
            severity,
            text: text.into(),
            folder,
            at: Instant::now(),
        });
        if self.list.len() > KEPT {
            self.list.remove(0);
        }
        self.showing_latest = true;
    }

    /// The newest one, while it still belongs in the status bar.
    pub fn latest(&self) -> Option<&Notification> {
        self.list.last().filter(|_| self.showing_latest)
    }

    /// The person moved on: the status bar stops showing the newest one.
    pub fn moved_on(&mut self) {
        self.showing_latest = false;
    }

    pub fn newest_first(&self) -> impl Iterator<Item = &Notification> {
        self.list.iter().rev()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_shows_until_the_person_moves_on_and_all_stay_listed() {
        let mut notifications = Notifications::default();
        notifications.push(Severity::Done, "Saved", None);
        notifications.push(Severity::Problem, "Not imported", None);
        assert_eq!(
            notifications.latest().map(|n| n.text.as_str()),
            Some("Not imported")
        );
        notifications.moved_on();
        assert!(notifications.latest().is_none());
        let texts: Vec<&str> = notifications
            .newest_first()
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(texts, ["Not imported", "Saved"]);
        assert_eq!(notifications.list[0].age(Instant::now()), "just now");
    }
}
