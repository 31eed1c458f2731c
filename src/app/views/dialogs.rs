//! Modal dialogs: new reflection, rename, delete and find a practice.

use egui::{RichText, Ui};

use super::widgets::focus_first;
use crate::words::plural;

use super::Action;
use crate::app::notebook::Notebook;
use crate::guide::Section;

/// Which dialog is open, with what the user has typed so far.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    NewReflection {
        teacher_id: Option<String>,
        guide_id: String,
        title: String,
    },
    AddTeacher {
        name: String,
    },
    RenameTeacher {
        teacher_id: String,
        name: String,
    },
    ConfirmDeleteTeacher {
        teacher_id: String,
    },
    Rename {
        id: String,
        title: String,
    },
    ConfirmDelete {
        id: String,
    },
    FindPractice {
        reflection_id: String,
        query: String,
        /// The result the arrow keys are on; Enter jumps to it.
        chosen: usize,
    },
    /// The window was asked to close while some words are in no file.
    QuitUnsaved {
        what: String,
        reason: String,
    },
    /// Words kept elsewhere after failed saves, found on start.
    BringBack {
        what: Vec<String>,
        folder: std::path::PathBuf,
    },
    /// The version, the data folder, the licences.
    About,
    /// Every command by name: type to filter, arrows to choose, Enter to run.
    CommandPalette {
        query: String,
        chosen: usize,
    },
    /// A message that needs an answer before going on, such as where a
    /// copy of unsaved words was kept.
    Notice {
        title: String,
        text: String,
    },
}

impl Dialog {
    pub fn add_teacher() -> Self {
        Dialog::AddTeacher {
            name: String::new(),
        }
    }

    /// "Find a practice…" in reflection `reflection_id`.
    pub fn find_practice(reflection_id: String) -> Self {
        Dialog::FindPractice {
            reflection_id,
            query: String::new(),
            chosen: 0,
        }
    }

    pub fn command_palette() -> Self {
        Dialog::CommandPalette {
            query: String::new(),
            chosen: 0,
        }
    }

    /// "New reflection…", for `teacher_id` (None: the notebook's own teacher).
    pub fn new_reflection(teacher_id: Option<String>) -> Self {
        Dialog::NewReflection {
            teacher_id,
            guide_id: crate::guide::DEFAULT_GUIDE_ID.to_owned(),
            title: String::new(),
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, notebook: &Notebook) -> Vec<Action> {
        let mut actions = Vec::new();
        let body = |ui: &mut Ui| match self {
            Dialog::NewReflection {
                teacher_id,
                guide_id,
                title,
            } => new_reflection(ui, notebook, teacher_id, guide_id, title, &mut actions),
            Dialog::AddTeacher { name } => add_teacher(ui, name, &mut actions),
            Dialog::RenameTeacher { teacher_id, name } => {
                rename_teacher(ui, teacher_id, name, &mut actions);
            }
            Dialog::ConfirmDeleteTeacher { teacher_id } => {
                confirm_delete_teacher(ui, notebook, teacher_id, &mut actions);
            }
            Dialog::Rename { id, title } => rename(ui, id, title, &mut actions),
            Dialog::ConfirmDelete { id } => confirm_delete(ui, notebook, id, &mut actions),
            Dialog::FindPractice {
                reflection_id,
                query,
                chosen,
            } => find_practice(ui, notebook, reflection_id, query, chosen, &mut actions),
            Dialog::About => {
                actions.extend(super::about::ui(ui, notebook.store.dir()));
                ui.add_space(8.0);
                if ui.button("Close").clicked() {
                    actions.push(Action::CloseDialog);
                }
            }
            Dialog::CommandPalette { query, chosen } => {
                command_palette(ui, query, chosen, &mut actions);
            }
            Dialog::QuitUnsaved { what, reason } => quit_unsaved(ui, what, reason, &mut actions),
            Dialog::BringBack { what, folder } => bring_back(ui, what, folder, &mut actions),
            Dialog::Notice { title, text } => {
                ui.heading(title.as_str());
                ui.label(text.as_str());
                ui.add_space(8.0);
                let ok = ui.button(RichText::new("OK").strong());
                focus_first(ui, &ok);
                if ok.clicked() {
                    actions.push(Action::CloseDialog);
                }
            }
        };
        let modal = super::widgets::fitted_modal(ctx, "dialog", 460.0, body, |_| {});
        if modal.should_close() && actions.is_empty() {
            actions.push(Action::CloseDialog);
        }
        actions
    }
}

fn buttons(ui: &mut Ui, confirm: &str, actions: &mut Vec<Action>) -> bool {
    let mut confirmed = false;
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        confirmed = ui.button(RichText::new(confirm).strong()).clicked();
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
    confirmed
}

fn new_reflection(
    ui: &mut Ui,
    notebook: &Notebook,
    teacher_id: &mut Option<String>,
    guide_id: &mut String,
    title: &mut String,
    actions: &mut Vec<Action>,
) {
    ui.heading("New reflection");
    if notebook.is_coaching() {
        let current = teacher_id
            .as_deref()
            .and_then(|id| notebook.teacher(id))
            .map_or("Choose a teacher", |t| crate::words::teacher_name(&t.name));
        egui::ComboBox::from_label("Teacher")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for teacher in notebook.teachers.iter().filter(|t| !t.archived) {
                    ui.selectable_value(
                        teacher_id,
                        Some(teacher.id.clone()),
                        crate::words::teacher_name(&teacher.name),
                    );
                }
            });
    }
    ui.label("Choose a guide:");
    for loaded in notebook.library.guides() {
        let guide = &loaded.guide;
        ui.radio_value(guide_id, guide.id.clone(), &guide.title)
            .on_hover_text(&guide.description);
    }
    if let Some(guide) = notebook.guide(guide_id) {
        ui.weak(&guide.description);
        ui.weak(format!(
            "Source: {} ({})",
            guide.source.title, guide.source.author
        ));
    }
    ui.add_space(8.0);
    let label = ui.label("Title (optional)");
    let field = ui.add(egui::TextEdit::singleline(title).hint_text("For example, Fall check-in"));
    let field = field.labelled_by(label.id);
    focus_first(ui, &field);
    if buttons(ui, "Start", actions) || (super::widgets::submitted(ui, &field)) {
        actions.push(Action::StartReflection {
            teacher_id: teacher_id.clone(),
            guide_id: guide_id.clone(),
            title: title.clone(),
        });
    }
}

fn rename(ui: &mut Ui, id: &str, title: &mut String, actions: &mut Vec<Action>) {
    ui.heading("Rename reflection");
    let label = ui.label("New title");
    let field = ui.add(egui::TextEdit::singleline(title));
    let field = field.labelled_by(label.id);
    focus_first(ui, &field);
    if buttons(ui, "Rename", actions) || (super::widgets::submitted(ui, &field)) {
        actions.push(Action::Rename {
            id: id.to_owned(),
            title: title.clone(),
        });
    }
}

fn confirm_delete(ui: &mut Ui, notebook: &Notebook, id: &str, actions: &mut Vec<Action>) {
    let name = notebook
        .entry(id)
        .map_or_else(|| id.to_owned(), |e| e.reflection.display_title());
    ui.heading("Delete this reflection?");
    ui.label(format!("\"{name}\" will be removed from your list."));
    ui.weak("It goes to the trash (File > Trash) with its earlier versions, and stays there until you remove it for good.");
    if buttons(ui, "Delete reflection", actions) {
        actions.push(Action::Delete(id.to_owned()));
    }
}

fn find_practice(
    ui: &mut Ui,
    notebook: &Notebook,
    reflection_id: &str,
    query: &mut String,
    chosen: &mut usize,
    actions: &mut Vec<Action>,
) {
    ui.heading("Find a practice");
    let label = ui.label("Search");
    let field = ui.add(egui::TextEdit::singleline(query).hint_text("For example, station"));
    let field = field.labelled_by(label.id);
    field.request_focus();
    if field.changed() {
        *chosen = 0;
    }
    let Some(guide) = notebook
        .entry(reflection_id)
        .and_then(|e| notebook.guide(&e.reflection.guide_id))
    else {
        return;
    };
    let needle = query.to_lowercase();
    let mut results = Vec::new();
    for (section_index, section) in guide.sections.iter().enumerate() {
        let Section::Checklist(checklist) = section else {
            continue;
        };
        for component in &checklist.components {
            for practice in &component.practices {
                // The id's words help too: "goal setting" finds "Students set goals".
                let haystack = format!(
                    "{} {} {} {}",
                    practice.name,
                    practice.id.replace('-', " "),
                    practice.description,
                    component.title
                )
                .to_lowercase();
                if needle.is_empty() || haystack.contains(&needle) {
                    results.push((section_index, practice, component));
                }
            }
        }
    }
    // The arrow keys move through the results while typing goes on in the field.
    let keys = arrow_choice(ui, chosen, results.len());
    let enter = keys.enter;
    if results.is_empty() {
        ui.weak("No practice has those words.");
    }
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            for (index, (section, practice, component)) in results.iter().enumerate() {
                let jump = Action::JumpTo {
                    section: *section,
                    item_id: practice.id.clone(),
                };
                let response = ui
                    .selectable_label(index == *chosen, &practice.name)
                    .on_hover_text(&component.title);
                super::widgets::name_for_screen_readers(
                    &response,
                    egui::Role::Button,
                    Some(index == *chosen),
                    &practice.name,
                );
                if index == *chosen && keys.moved {
                    response.scroll_to_me(None);
                }
                if response.clicked() || (enter && index == *chosen) {
                    actions.push(jump);
                }
            }
        });
    if ui.button("Close").clicked() {
        actions.push(Action::CloseDialog);
    }
}

fn add_teacher(ui: &mut Ui, name: &mut String, actions: &mut Vec<Action>) {
    ui.heading("Add a teacher");
    ui.label("Keep reflections for several teachers, for example as an instructional coach.");
    let label = ui.label("Teacher's name");
    let field = ui
        .add(egui::TextEdit::singleline(name))
        .labelled_by(label.id);
    focus_first(ui, &field);
    let confirmed = buttons(ui, "Add teacher", actions) || (super::widgets::submitted(ui, &field));
    if confirmed && !name.trim().is_empty() {
        actions.push(Action::AddTeacher(name.trim().to_owned()));
    }
}

fn rename_teacher(ui: &mut Ui, teacher_id: &str, name: &mut String, actions: &mut Vec<Action>) {
    ui.heading("Rename teacher");
    let label = ui.label("Teacher's name");
    let field = ui
        .add(egui::TextEdit::singleline(name))
        .labelled_by(label.id);
    focus_first(ui, &field);
    let confirmed = buttons(ui, "Rename", actions) || (super::widgets::submitted(ui, &field));
    if confirmed && !name.trim().is_empty() {
        actions.push(Action::RenameTeacher {
            teacher_id: teacher_id.to_owned(),
            name: name.trim().to_owned(),
        });
    }
}

fn confirm_delete_teacher(
    ui: &mut Ui,
    notebook: &Notebook,
    teacher_id: &str,
    actions: &mut Vec<Action>,
) {
    let name = notebook
        .teacher(teacher_id)
        .map_or("this teacher", |t| crate::words::teacher_name(&t.name));
    let reflections = notebook.reflections_of(teacher_id).len();
    let sessions = match notebook.sessions_of(teacher_id).len() {
        0 => String::new(),
        n => format!(
            ", along with {}",
            plural(n, "coach session", "coach sessions")
        ),
    };
    ui.heading(format!("Delete {name}?"));
    ui.label(format!(
        "{name} and {} go with them{sessions}. The files are moved to the trash folder of your notebook, not destroyed.",
        plural(reflections, "reflection", "reflections")
    ));
    ui.weak("To keep their history but hide them, archive them instead.");
    if buttons(ui, "Delete teacher", actions) {
        actions.push(Action::DeleteTeacher(teacher_id.to_owned()));
    }
}

/// An import whose reflection is already in the notebook: never overwritten silently.
pub fn import_conflict(
    ctx: &egui::Context,
    plan: &crate::coach::ImportPlan,
    notebook: &Notebook,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let existing = plan
        .conflict
        .as_deref()
        .and_then(|id| notebook.entry(id))
        .map_or_else(
            || "a reflection".to_owned(),
            |e| format!("\"{}\"", e.reflection.display_title()),
        );
    let modal = super::widgets::fitted_modal(
        ctx,
        "import-conflict",
        480.0,
        |ui| {
            ui.heading("This reflection is already here");
            ui.label(format!(
                "{} holds {existing} with the same id.",
                plan.file_label
            ));
            for note in plan.notes() {
                ui.weak(note);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Keep both")
                    .on_hover_text("Import it as a separate reflection")
                    .clicked()
                {
                    actions.push(Action::ResolveImport(crate::coach::ImportChoice::KeepBoth));
                }
                if ui
                    .button("Replace")
                    .on_hover_text(
                        "Use the imported version; the current one is kept in the trash folder",
                    )
                    .clicked()
                {
                    actions.push(Action::ResolveImport(crate::coach::ImportChoice::Replace));
                }
                if ui.button("Cancel").clicked() {
                    actions.push(Action::CloseDialog);
                }
            });
        },
        |_| {},
    );
    if modal.should_close() && actions.is_empty() {
        actions.push(Action::CloseDialog);
    }
    actions
}

fn quit_unsaved(ui: &mut Ui, what: &str, reason: &str, actions: &mut Vec<Action>) {
    ui.heading("Your latest words are not saved yet");
    ui.label(format!(
        "PL Reflect could not save {what} into your notebook: {reason}."
    ));
    ui.label("The window stays open, so nothing is lost. Free some space or fix the folder and try again, or keep a copy somewhere else (a USB stick, another folder); a reflection's copy can be imported back later.");
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        let retry = ui.button(RichText::new("Try again").strong());
        focus_first(ui, &retry);
        if retry.clicked() {
            actions.push(Action::RetrySaveAndQuit);
        }
        if ui
            .button("Save a copy elsewhere…")
            .on_hover_text("Keep the unsaved words as files in a folder you choose, then quit")
            .clicked()
        {
            actions.push(Action::SaveUnsavedCopy);
        }
        if ui.button("Keep working").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
    ui.add_space(8.0);
    ui.separator();
    ui.colored_label(
        crate::app::theme::warning(ui.visuals()),
        "Quitting anyway loses the words typed since the last save, unless the copy kept outside the notebook (named in the message above) was written.",
    );
    if ui.button("Quit without saving").clicked() {
        actions.push(Action::QuitAnyway);
    }
}

fn bring_back(ui: &mut Ui, what: &[String], folder: &std::path::Path, actions: &mut Vec<Action>) {
    ui.heading("Words from last time were kept");
    ui.label("Last time, these could not be saved into your notebook, so PL Reflect kept a copy elsewhere:");
    for item in what {
        ui.label(format!("•  {item}"));
    }
    ui.weak(format!("The copies are in {}", folder.display()));
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        let back = ui.button(RichText::new("Bring them back").strong());
        focus_first(ui, &back);
        if back.clicked() {
            actions.push(Action::BringBackRecovered);
        }
        if ui
            .button("Not now")
            .on_hover_text("Leave the copies where they are; PL Reflect asks again next time")
            .clicked()
        {
            actions.push(Action::KeepRecoveredForLater);
        }
    });
}

fn command_palette(ui: &mut Ui, query: &mut String, chosen: &mut usize, actions: &mut Vec<Action>) {
    use crate::app::commands::UiCommand;
    ui.heading("All commands");
    let label = ui.label("Command");
    let field = ui
        .add(egui::TextEdit::singleline(query).hint_text("Type part of a name, e.g. export"))
        .labelled_by(label.id);
    field.request_focus();
    if field.changed() {
        *chosen = 0;
    }
    let matching = UiCommand::matching(query);
    let keys = arrow_choice(ui, chosen, matching.len());
    let enter = keys.enter;
    ui.add_space(4.0);
    if matching.is_empty() {
        ui.weak("No command has those words.");
    }
    for (index, command) in matching.iter().enumerate() {
        let shortcut = command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let text = if shortcut.is_empty() {
            command.label().to_owned()
        } else {
            format!("{}    {shortcut}", command.label())
        };
        let response = ui
            .selectable_label(index == *chosen, text)
            .on_hover_text(command.tooltip());
        super::widgets::name_for_screen_readers(
            &response,
            egui::Role::Button,
            Some(index == *chosen),
            command.label(),
        );
        if response.clicked() || (enter && index == *chosen) {
            actions.push(Action::CloseDialog);
            actions.push(Action::Command(*command));
        }
    }
}

/// The keys of a list chosen from while typing: the arrows move `chosen`
/// through `len` entries, Enter takes it.
struct ArrowChoice {
    moved: bool,
    enter: bool,
}

fn arrow_choice(ui: &Ui, chosen: &mut usize, len: usize) -> ArrowChoice {
    let (down, up, enter) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::Enter),
        )
    });
    if down {
        *chosen = (*chosen + 1).min(len.saturating_sub(1));
    }
    if up {
        *chosen = chosen.saturating_sub(1);
    }
    ArrowChoice {
        moved: down || up,
        enter,
    }
}
