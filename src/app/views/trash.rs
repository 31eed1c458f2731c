//! The trash: deleted reflections and sessions, each with its earlier
//! versions. Each can be opened read-only, brought back, or removed for good
//! after a confirmation that names what goes; so can everything at once.

use egui::{RichText, Role, Ui};

use super::history::part_card;
use super::widgets::{name_for_screen_readers, named_button, reading_column, subheading};
use super::{Action, Room, RoomContext};
use crate::app::notebook::{Notebook, SaveState};
use crate::app::theme;
use crate::reflection::changes::{self, Part};
use crate::session::changes as session_changes;
use crate::store::{Removed, TrashContents};

/// A record in the trash, opened to look at.
struct Opened {
    id: String,
    title: String,
    parts: Vec<Part>,
}

/// What the person is asked to confirm before it goes for good.
enum Confirm {
    One {
        id: String,
        session: bool,
        title: String,
        versions: usize,
    },
    Everything(Removed),
}

/// The trash screen: what it holds (as last read), what is open, what waits for a yes.
#[derive(Default)]
pub struct TrashScreen {
    /// The notebook's revision it was read at, and what it held.
    loaded: Option<(u64, TrashContents)>,
    opened: Option<Opened>,
    confirm: Option<Confirm>,
    /// The question was just asked: bring it into sight, with the keyboard on "No".
    confirm_is_new: bool,
}

/// One row of the list.
struct Row {
    id: String,
    session: bool,
    title: String,
    about: String,
    versions: usize,
    /// Why it cannot come back on its own, if it cannot.
    blocked: Option<&'static str>,
}

const NO_TEACHER: &str = "Its teacher is no longer in this notebook: bring the teacher back first (Undo, just after deleting them)";

impl TrashScreen {
    fn refresh(&mut self, notebook: &Notebook) {
        let stale = self
            .loaded
            .as_ref()
            .is_none_or(|(revision, _)| *revision != notebook.revision());
        if stale && (self.loaded.is_none() || notebook.save_state() == SaveState::Saved) {
            self.loaded = Some((notebook.revision(), notebook.store.trash_contents()));
            // What was open or asked about may have gone.
            let still_there = |id: &str| {
                self.loaded.as_ref().is_some_and(|(_, c)| {
                    c.reflections.iter().any(|h| h.id == id)
                        || c.sessions.iter().any(|s| s.session.id == id)
                })
            };
            if self.opened.as_ref().is_some_and(|o| !still_there(&o.id)) {
                self.opened = None;
            }
            if let Some(Confirm::One { id, .. }) = &self.confirm
                && !still_there(id)
            {
                self.confirm = None;
            }
        }
    }

    fn rows(&self, notebook: &Notebook) -> Vec<Row> {
        let Some((_, contents)) = &self.loaded else {
            return Vec::new();
        };
        let versions = |id: &str| contents.versions.get(id).copied().unwrap_or(0);
        let teacher = |id: &str| {
            notebook
                .teacher(id)
                .map(|t| crate::words::teacher_name(&t.name).to_owned())
        };
        let mut rows: Vec<Row> = contents
            .reflections
            .iter()
            .map(|h| {
                let guide = notebook
                    .guide(&h.guide_id)
                    .map_or_else(|| h.guide_id.clone(), |g| g.title.clone());
                let mut about = format!("{guide} · last changed {}", h.updated.date());
                if notebook.is_coaching() {
                    about = format!(
                        "{} · {about}",
                        teacher(&h.teacher_id)
                            .unwrap_or_else(|| "a teacher no longer here".to_owned())
                    );
                }
                Row {
                    id: h.id.clone(),
                    session: false,
                    title: if h.title.trim().is_empty() {
                        format!("Reflection of {}", h.created.date())
                    } else {
                        h.title.clone()
                    },
                    about,
                    versions: versions(&h.id),
                    blocked: teacher(&h.teacher_id).is_none().then_some(NO_TEACHER),
                }
            })
            .collect();
        rows.extend(contents.sessions.iter().map(|s| {
            let s = &s.session;
            let who = teacher(&s.teacher_id);
            Row {
                id: s.id.clone(),
                session: true,
                title: s.display_title(),
                about: format!(
                    "Coach session with {} · last changed {}",
                    who.as_deref().unwrap_or("a teacher no longer here"),
                    s.updated.date()
                ),
                versions: versions(&s.id),
                blocked: who.is_none().then_some(NO_TEACHER),
            }
        }));
        rows
    }

    fn open(&mut self, notebook: &Notebook, row: &Row) {
        let parts = if row.session {
            notebook
                .store
                .load_trashed_session(&row.id)
                .map(|s| session_changes::parts(&s.session))
        } else {
            notebook.store.load_trashed_reflection(&row.id).map(|s| {
                let guide = notebook
                    .guide(&s.reflection.guide_id)
                    .map(std::convert::AsRef::as_ref);
                changes::parts(guide, &s.reflection)
            })
        };
        let parts = parts.unwrap_or_else(|error| {
            vec![Part {
                key: String::new(),
                label: "It could not be read".to_owned(),
                lines: vec![error.to_string()],
            }]
        });
        self.opened = Some(Opened {
            id: row.id.clone(),
            title: row.title.clone(),
            parts,
        });
    }
}

impl Room for TrashScreen {
    fn ui(&mut self, ui: &mut Ui, cx: &RoomContext<'_>) -> Vec<Action> {
        let notebook = cx.notebook;
        self.refresh(notebook);
        let rows = self.rows(notebook);
        let mut actions = Vec::new();
        let may_change = !notebook.is_read_only();
        egui::ScrollArea::vertical().id_salt("trash").show(ui, |ui| {
            reading_column(ui, |ui| {
                ui.add_space(theme::GAP);
                ui.heading("Trash");
                ui.label(
                    "Deleted reflections and sessions wait here, each with its earlier versions, \
                     until you bring them back or remove them for good.",
                );
                ui.add_space(theme::SMALL_GAP);
                self.confirm_ui(ui, &mut actions);
                if let Some(opened) = self.opened.take() {
                    let row = rows.iter().find(|r| r.id == opened.id);
                    let mut close = false;
                    theme::card(ui).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        subheading(ui, &format!("\"{}\", in the trash", opened.title));
                        ui.weak("Read-only: bring it back to change it.");
                        ui.horizontal(|ui| {
                            if let Some(row) = row {
                                self.row_buttons(ui, row, may_change, &mut actions, false);
                            }
                            if ui.button("Close").clicked() {
                                close = true;
                            }
                        });
                        ui.add_space(theme::SMALL_GAP);
                        for part in &opened.parts {
                            part_card(ui, part, None, |_| {});
                        }
                    });
                    if !close && self.opened.is_none() {
                        self.opened = Some(opened);
                    }
                    ui.add_space(theme::GAP);
                }
                if rows.is_empty() {
                    ui.label("The trash is empty.");
                } else if may_change
                    && ui
                        .button("Empty the trash…")
                        .on_hover_text("Remove everything in the trash for good, after you confirm")
                        .clicked()
                {
                    let everything = self.loaded.as_ref().map(|(_, c)| c.everything).unwrap_or_default();
                    self.confirm = Some(Confirm::Everything(everything));
                    self.confirm_is_new = true;
                }
                if let Some((_, contents)) = &self.loaded
                    && !contents.problems.is_empty()
                {
                    ui.add_space(theme::SMALL_GAP);
                    ui.colored_label(
                        theme::warning(ui.visuals()),
                        "Some files in the trash could not be read; they stay until the trash is emptied:",
                    );
                    for problem in &contents.problems {
                        ui.label(RichText::new(problem.to_string()).small());
                    }
                }
                for (session, heading) in [(false, "Deleted reflections"), (true, "Deleted sessions")] {
                    let of_kind: Vec<&Row> = rows.iter().filter(|r| r.session == session).collect();
                    if of_kind.is_empty() {
                        continue;
                    }
                    ui.add_space(theme::GAP);
                    subheading(ui, heading);
                    ui.add_space(theme::SMALL_GAP);
                    for row in of_kind {
                        theme::card(ui).show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.label(RichText::new(&row.title).strong());
                            ui.weak(format!(
                                "{} · {}",
                                row.about,
                                crate::words::plural(row.versions, "earlier version", "earlier versions")
                            ));
                            ui.horizontal(|ui| {
                                if named_button(ui, "Open", &format!("Open \"{}\" from the trash", row.title)).clicked() {
                                    self.open(notebook, row);
                                }
                                self.row_buttons(ui, row, may_change, &mut actions, true);
                            });
                        });
                        ui.add_space(theme::SMALL_GAP);
                    }
                }
                ui.add_space(theme::GAP * 2.0);
            });
        });
        actions
    }
}

impl TrashScreen {
    /// Restore, and remove for good (which asks first).
    fn row_buttons(
        &mut self,
        ui: &mut Ui,
        row: &Row,
        may_change: bool,
        actions: &mut Vec<Action>,
        in_list: bool,
    ) {
        let suffix = if in_list { "" } else { " (open)" };
        let restore = ui
            .add_enabled(
                may_change && row.blocked.is_none(),
                egui::Button::new("Restore"),
            )
            .on_hover_text("Bring it back, with its earlier versions")
            .on_disabled_hover_text(row.blocked.unwrap_or("The notebook is open read-only"));
        name_for_screen_readers(
            &restore,
            Role::Button,
            None,
            &format!("Restore \"{}\"{suffix}", row.title),
        );
        if restore.clicked() {
            actions.push(Action::RestoreFromTrash {
                id: row.id.clone(),
                session: row.session,
            });
        }
        let remove = ui.add_enabled(may_change, egui::Button::new("Remove for good…"));
        name_for_screen_readers(
            &remove,
            Role::Button,
            None,
            &format!("Remove \"{}\" for good{suffix}", row.title),
        );
        if remove.clicked() {
            self.confirm = Some(Confirm::One {
                id: row.id.clone(),
                session: row.session,
                title: row.title.clone(),
                versions: row.versions,
            });
            self.confirm_is_new = true;
        }
    }

    /// The question before anything goes for good, naming what goes.
    fn confirm_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let Some(confirm) = &self.confirm else {
            return;
        };
        let (question, yes) = match confirm {
            Confirm::One {
                session,
                title,
                versions,
                ..
            } => {
                let what = if *session { "session" } else { "reflection" };
                let versions = match versions {
                    0 => String::new(),
                    n => format!(
                        " and its {}",
                        crate::words::plural(*n, "earlier version", "earlier versions")
                    ),
                };
                (
                    format!(
                        "Remove \"{title}\" for good? The {what}{versions} will be gone, and this cannot be undone."
                    ),
                    "Yes, remove it for good",
                )
            }
            Confirm::Everything(everything) => (
                format!(
                    "Empty the trash? {everything} will be gone for good, and this cannot be undone."
                ),
                "Yes, empty the trash",
            ),
        };
        let mut answer = None;
        let is_new = std::mem::take(&mut self.confirm_is_new);
        let card = theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.colored_label(
                theme::warning(ui.visuals()),
                RichText::new(&question).strong(),
            );
            ui.horizontal(|ui| {
                if ui.button(yes).clicked() {
                    answer = Some(true);
                }
                let no = ui.button("No, keep it");
                if is_new {
                    no.request_focus();
                }
                if no.clicked() {
                    answer = Some(false);
                }
            });
        });
        if is_new {
            card.response.scroll_to_me(Some(egui::Align::TOP));
        }
        ui.add_space(theme::GAP);
        if answer == Some(true) {
            actions.push(match confirm {
                Confirm::One { id, session, .. } => Action::RemoveForGood {
                    id: id.clone(),
                    session: *session,
                },
                Confirm::Everything(_) => Action::EmptyTrash,
            });
        }
        if answer.is_some() {
            self.confirm = None;
        }
    }
}
