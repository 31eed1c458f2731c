//! The history of a reflection or a session: every kept version, newest
//! first, each with what changed in the teacher's words. A version opens
//! read-only, with the answers it changed marked; any answer of it (or the
//! whole version) can be brought back, which is a change like any other:
//! saved as a new version, and undone with Ctrl+Z.

use std::collections::HashSet;

use egui::{RichText, Role, Ui};

use super::widgets::{name_for_screen_readers, reading_column, subheading};
use super::{Action, Room, RoomContext, Screen};
use crate::app::local_time::when_to_the_second;
use crate::app::notebook::{Notebook, RecordCopy, SaveState};
use crate::app::theme;
use crate::reflection::changes::{self, Part};
use crate::session::changes as session_changes;
use crate::store::{Origin, VersionInfo};

/// One version as the screen shows it.
struct Shown {
    info: VersionInfo,
    record: RecordCopy,
    summary: String,
    parts: Vec<Part>,
    /// The keys of the parts changed since the version before.
    changed: Vec<String>,
    /// Parts the version before had and this one has not.
    removed: Vec<Part>,
    read_only: Option<String>,
}

/// A history as read from the store.
struct Loaded {
    /// The notebook's revision it was read at.
    revision: u64,
    session: bool,
    /// Oldest first.
    versions: Vec<Shown>,
    problems: Vec<String>,
}

/// The history screen: whose history, which version is open.
#[derive(Default)]
pub struct HistoryScreen {
    record_id: Option<String>,
    session: bool,
    /// Where Back goes.
    back: Option<Screen>,
    loaded: Option<Loaded>,
    /// The open version, by its name; the newest when None.
    selected: Option<String>,
}

impl HistoryScreen {
    /// The history of record `id`, opened from `back`.
    pub fn new(id: String, back: Screen) -> Self {
        HistoryScreen {
            record_id: Some(id),
            back: Some(back),
            ..Default::default()
        }
    }

    /// Reads the history again once what changed is on disk.
    fn refresh(&mut self, notebook: &Notebook) {
        let Some(id) = self.record_id.clone() else {
            return;
        };
        let stale = self
            .loaded
            .as_ref()
            .is_none_or(|l| l.revision != notebook.revision());
        let saved = matches!(
            notebook.save_state(),
            SaveState::Saved | SaveState::Failed(_)
        );
        if stale && (saved || self.loaded.is_none()) {
            let newest_open = self.selected.is_none()
                || self
                    .loaded
                    .as_ref()
                    .and_then(|l| l.versions.last())
                    .map(|v| &v.info.id)
                    == self.selected.as_ref();
            let loaded = load(notebook, &id, self.loaded.take());
            self.session = loaded.session;
            if newest_open {
                self.selected = None;
            }
            self.loaded = Some(loaded);
        }
    }
}

/// Reads the history of record `id` and what each version changed. With
/// `before`, what was read last time: a version file never changes, so only
/// the versions saved since are read and described (unless some went, when
/// everything is read again).
fn load(notebook: &Notebook, id: &str, before: Option<Loaded>) -> Loaded {
    let revision = notebook.revision();
    let session = notebook.session(id).is_some();
    let before = before.filter(|b| b.session == session);
    let known: HashSet<String> = before
        .iter()
        .flat_map(|b| b.versions.iter().map(|v| v.info.id.clone()))
        .collect();
    let guide = notebook
        .entry(id)
        .and_then(|e| notebook.guide(&e.reflection.guide_id))
        .cloned();
    let guide = guide.as_deref();
    // The versions read now, and the names of every version listed.
    let read: Result<Read, String> = if session {
        notebook.store.session_history_since(id, &known).map(|h| {
            let listed = h.listed.iter().map(|v| v.id.clone()).collect();
            let problems = h.problems.iter().map(ToString::to_string).collect();
            let versions = h
                .versions
                .into_iter()
                .map(|v| (v.info, RecordCopy::Session(Box::new(v.record)), v.read_only))
                .collect();
            (versions, listed, problems)
        })
    } else {
        notebook
            .store
            .reflection_history_since(id, &known)
            .map(|h| {
                let listed = h.listed.iter().map(|v| v.id.clone()).collect();
                let problems = h.problems.iter().map(ToString::to_string).collect();
                let versions = h
                    .versions
                    .into_iter()
                    .map(|v| {
                        (
                            v.info,
                            RecordCopy::Reflection(Box::new(v.record)),
                            v.read_only,
                        )
                    })
                    .collect();
                (versions, listed, problems)
            })
    }
    .map_err(|e| e.to_string());
    let (new, listed, problems) = match read {
        Ok(read) => read,
        Err(error) => {
            return Loaded {
                revision,
                session,
                versions: Vec::new(),
                problems: vec![error],
            };
        }
    };
    // What was read before must still be there, first, in the same order.
    let mut kept = before.map(|b| b.versions).unwrap_or_default();
    let still_listed: Vec<&String> = listed
        .iter()
        .filter(|name| known.contains(*name) || new.iter().any(|(info, _, _)| &info.id == *name))
        .collect();
    let in_order = kept.len() <= still_listed.len()
        && kept
            .iter()
            .zip(&still_listed)
            .all(|(v, name)| &v.info.id == *name)
        && new.iter().all(|(info, _, _)| !known.contains(&info.id));
    if !in_order {
        return load(notebook, id, None);
    }
    let described = match kept.last() {
        Some(last) => describe_after(guide, Some(last), &new),
        None => describe_after(guide, None, &new),
    };
    kept.extend(
        new.into_iter()
            .zip(described)
            .map(|((info, record, read_only), change)| shown(info, record, change, read_only)),
    );
    Loaded {
        revision,
        session,
        versions: kept,
        problems,
    }
}

/// A version just read: where it is, what it holds, why it may not come back.
type NewVersion = (VersionInfo, RecordCopy, Option<String>);

/// What reading a history again gave: the versions not read before, the
/// names of all of them, and the problems.
type Read = (Vec<NewVersion>, Vec<String>, Vec<String>);

/// What each of `new` changed, after `last` (the newest version described before).
fn describe_after(
    guide: Option<&crate::guide::Guide>,
    last: Option<&Shown>,
    new: &[NewVersion],
) -> Vec<changes::VersionChanges> {
    let reflections = || {
        new.iter().filter_map(|(_, r, _)| match r {
            RecordCopy::Reflection(r) => Some(r.as_ref()),
            RecordCopy::Session(_) => None,
        })
    };
    let sessions = || {
        new.iter().filter_map(|(_, r, _)| match r {
            RecordCopy::Session(s) => Some(s.as_ref()),
            RecordCopy::Reflection(_) => None,
        })
    };
    match last.map(|l| (&l.record, l.parts.as_slice())) {
        Some((RecordCopy::Session(s), parts)) => changes::history_changes_after(
            Some((s.as_ref(), parts)),
            sessions(),
            session_changes::describe,
            session_changes::parts,
        ),
        Some((RecordCopy::Reflection(r), parts)) => changes::history_changes_after(
            Some((r.as_ref(), parts)),
            reflections(),
            |before, after| changes::describe(guide, before, after),
            |r| changes::parts(guide, r),
        ),
        None if new
            .iter()
            .any(|(_, r, _)| matches!(r, RecordCopy::Session(_))) =>
        {
            changes::history_changes(
                sessions(),
                session_changes::describe,
                session_changes::parts,
            )
        }
        None => changes::history_changes(
            reflections(),
            |before, after| changes::describe(guide, before, after),
            |r| changes::parts(guide, r),
        ),
    }
}

fn shown(
    info: VersionInfo,
    record: RecordCopy,
    change: changes::VersionChanges,
    read_only: Option<String>,
) -> Shown {
    let summary = match info.origin {
        Origin::Imported => format!("Imported: {}", change.summary),
        Origin::Saved => change.summary,
    };
    Shown {
        info,
        record,
        summary,
        parts: change.parts,
        changed: change.changed,
        removed: change.removed,
        read_only,
    }
}

/// The parts of the record as it is now in memory.
fn current_parts(notebook: &Notebook, id: &str) -> Option<Vec<Part>> {
    if let Some(entry) = notebook.entry(id) {
        let guide = notebook
            .guide(&entry.reflection.guide_id)
            .map(std::convert::AsRef::as_ref);
        return Some(changes::parts(guide, &entry.reflection));
    }
    notebook
        .session(id)
        .map(|entry| session_changes::parts(&entry.session))
}

impl Room for HistoryScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        let notebook = cx.notebook;
        let mut actions = Vec::new();
        let Some(id) = self.record_id.clone() else {
            ui.label("Open a reflection or a session first, then its history.");
            return actions;
        };
        self.refresh(notebook);
        let Some(now) = current_parts(notebook, &id) else {
            ui.label("This reflection or session is no longer in your notebook. If it was deleted, it is in the trash (File > Trash), with its history.");
            return actions;
        };
        let read_only = notebook.is_read_only()
            || notebook.entry(&id).is_some_and(|e| e.read_only.is_some())
            || notebook.session(&id).is_some_and(|e| e.read_only.is_some());
        let title = notebook.entry(&id).map_or_else(
            || {
                notebook
                    .session(&id)
                    .map(|s| s.session.display_title())
                    .unwrap_or_default()
            },
            |e| e.reflection.display_title(),
        );
        let Some(loaded) = &self.loaded else {
            return actions;
        };
        let back = self.back.unwrap_or(Screen::Home);
        let what = if loaded.session {
            "session"
        } else {
            "reflection"
        };

        // The versions, newest first.
        let newest = loaded.versions.last().map(|v| v.info.id.clone());
        let selected = self.selected.clone().or(newest);
        egui::Panel::left("versions")
            .resizable(false)
            .default_size(260.0)
            .show(ui, |ui| {
                ui.add_space(theme::GAP);
                ui.label(RichText::new(format!("Versions of \"{title}\"")).strong());
                ui.weak(crate::words::plural(
                    loaded.versions.len(),
                    "version kept",
                    "versions kept",
                ));
                ui.add_space(theme::SMALL_GAP);
                egui::ScrollArea::vertical()
                    .id_salt("version-list")
                    .show(ui, |ui| {
                        let total = loaded.versions.len();
                        // The newest version that holds what is there now is "now";
                        // an older one that holds the same is "the same as now".
                        let newest_now = loaded.versions.iter().rposition(|v| v.parts == now);
                        for (index, version) in loaded.versions.iter().enumerate().rev() {
                            let when = when_to_the_second(&version.info.time());
                            let now_mark = if newest_now == Some(index) {
                                " · as it is now"
                            } else if version.parts == now {
                                " · the same as now"
                            } else {
                                ""
                            };
                            let open = selected.as_ref() == Some(&version.info.id);
                            let response = ui.selectable_label(
                                open,
                                format!("{when}{now_mark}\n{}", version.summary),
                            );
                            name_for_screen_readers(
                                &response,
                                Role::Button,
                                Some(open),
                                &format!(
                                    "Version {} of {total}, saved {when}{now_mark}: {}",
                                    index + 1,
                                    version.summary
                                ),
                            );
                            if response.clicked() {
                                self.selected = Some(version.info.id.clone());
                            }
                        }
                    });
            });

        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().id_salt(("history", &id)).show(ui, |ui| {
                reading_column(ui, |ui| {
                    ui.add_space(theme::GAP);
                    ui.horizontal(|ui| {
                        ui.heading(format!("History of \"{title}\""));
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui.button(screens_back_label(back)).clicked() {
                                actions.push(Action::Go(back));
                            }
                        });
                    });
                    ui.label(format!(
                        "Every change to this {what} is kept for a day; after that, the last version of each sitting is kept for ever. \
                         Bringing something back is a change of its own: it is kept too, and Ctrl+Z takes it back."
                    ));
                    if !loaded.problems.is_empty() {
                        ui.add_space(theme::SMALL_GAP);
                        ui.colored_label(
                            theme::warning(ui.visuals()),
                            format!(
                                "{} could not be read; {} kept as {} and {} not stand in the way of the {what}:",
                                crate::words::plural(loaded.problems.len(), "earlier version", "earlier versions"),
                                if loaded.problems.len() == 1 { "it is" } else { "they are" },
                                if loaded.problems.len() == 1 { "it is" } else { "they are" },
                                if loaded.problems.len() == 1 { "does" } else { "do" },
                            ),
                        );
                        for problem in &loaded.problems {
                            ui.label(RichText::new(problem).small());
                        }
                    }
                    ui.add_space(theme::GAP);
                    let version = selected
                        .as_ref()
                        .and_then(|s| loaded.versions.iter().find(|v| &v.info.id == s));
                    match version {
                        Some(version) => version_ui(ui, &id, version, &now, read_only, loaded.session, &mut actions),
                        None => {
                            ui.label(format!(
                                "No earlier versions are kept yet. One is kept each time a change to this {what} is saved."
                            ));
                        }
                    }
                    ui.add_space(theme::GAP * 2.0);
                });
            });
        });
        actions
    }

    fn reflection_id(&self) -> Option<&str> {
        self.record_id.as_deref().filter(|_| !self.session)
    }

    fn record_id(&self) -> Option<&str> {
        self.record_id.as_deref()
    }
}

/// What the Back button says, for the screen it goes to.
fn screens_back_label(screen: Screen) -> &'static str {
    match screen {
        Screen::Reflect => "Back to the reflection",
        Screen::Session => "Back to the session",
        Screen::Summary => "Back to the summary",
        Screen::Trash => "Back to the trash",
        _ => "Back",
    }
}

/// One version, read-only: what it holds, what it changed, and a way to bring each part back.
fn version_ui(
    ui: &mut Ui,
    id: &str,
    version: &Shown,
    now: &[Part],
    read_only: bool,
    session: bool,
    actions: &mut Vec<Action>,
) {
    let when = when_to_the_second(&version.info.time());
    subheading(ui, &format!("As it was at {when}"));
    ui.label(&version.summary);
    let may_restore = !read_only && version.read_only.is_none();
    if let Some(reason) = &version.read_only {
        ui.colored_label(theme::warning(ui.visuals()), reason);
    }
    if version.parts == now {
        ui.weak("This is how it is now.");
    } else if may_restore {
        let whole = ui
            .button("Restore this whole version")
            .on_hover_text("Everything as it was then; what is there now stays in the history");
        if whole.clicked() {
            actions.push(Action::RestoreVersion {
                record_id: id.to_owned(),
                version: version.record.clone(),
                part: None,
                label: "the whole version".to_owned(),
            });
        }
    }
    ui.add_space(theme::SMALL_GAP);
    let lines_now = |key: &str| now.iter().find(|p| p.key == key).map(|p| &p.lines);
    let bring_back = if session {
        "Bring back this part"
    } else {
        "Bring back this answer"
    };
    for part in &version.parts {
        let changed = version.changed.contains(&part.key);
        let differs = lines_now(&part.key) != Some(&part.lines);
        part_card(
            ui,
            part,
            changed.then_some("Changed in this version"),
            |ui| {
                if may_restore && differs {
                    let response = ui.button(bring_back);
                    name_for_screen_readers(
                        &response,
                        Role::Button,
                        None,
                        &format!("{bring_back}: {}", part.label),
                    );
                    if response.clicked() {
                        actions.push(Action::RestoreVersion {
                            record_id: id.to_owned(),
                            version: version.record.clone(),
                            part: Some(part.key.clone()),
                            label: format!("\"{}\"", part.label),
                        });
                    }
                }
            },
        );
    }
    for part in &version.removed {
        let gone = Part {
            lines: vec!["(none in this version)".to_owned()],
            ..part.clone()
        };
        part_card(ui, &gone, Some("Removed in this version"), |ui| {
            if may_restore && lines_now(&part.key).is_some() {
                let text = format!("{bring_back}: none");
                let response = ui.button(&text);
                name_for_screen_readers(
                    &response,
                    Role::Button,
                    None,
                    &format!("{text}, for {}", part.label),
                );
                if response.clicked() {
                    actions.push(Action::RestoreVersion {
                        record_id: id.to_owned(),
                        version: version.record.clone(),
                        part: Some(part.key.clone()),
                        label: format!("\"{}\" as it was (none)", part.label),
                    });
                }
            }
        });
    }
}

/// One part of a version in a card: its name, a mark if it changed, its
/// lines, and what `below` adds.
pub(super) fn part_card(ui: &mut Ui, part: &Part, mark: Option<&str>, below: impl FnOnce(&mut Ui)) {
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&part.label).strong());
            if let Some(mark) = mark {
                ui.label(
                    RichText::new(format!("({mark})"))
                        .strong()
                        .color(theme::accent(ui.visuals())),
                );
            }
        });
        for line in &part.lines {
            ui.label(line);
        }
        below(ui);
    });
    ui.add_space(theme::SMALL_GAP);
}
