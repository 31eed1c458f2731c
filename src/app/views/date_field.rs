//! One date field for every date a person types (revisit dates, session
//! dates, agreed steps): typing is free, the date is read when the field is
//! left or Enter is pressed (a date that already reads well is kept as it is
//! typed), a problem is shown beside the field, and a
//! calendar beside it picks a day with the mouse or the keyboard.

use egui::{Id, Role, Ui};

use super::widgets::name_for_screen_readers;
use crate::app::theme;
use crate::clock::{self, DateOrder, MONTH_NAMES, WEEKDAY_NAMES};

/// What the person is typing into one date field, until it is read.
#[derive(Debug, Clone, Default)]
struct Draft {
    text: String,
    problem: Option<String>,
}

/// The month the calendar shows.
#[derive(Debug, Clone, Copy)]
struct CalendarMonth {
    year: i64,
    month: u32,
}

/// A date field. `key` tells fields apart (an item or step id); `name` is its
/// accessible name ("Revisit date for Station rotation"). Returns the new
/// value once a date is read: `Some(None)` when the field was emptied and
/// `optional`, `Some(Some(date))` for a date written `YYYY-MM-DD`.
#[allow(clippy::option_option)] // Unchanged, cleared and set are three different answers.
pub fn date_field(
    ui: &mut Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    saved: Option<&str>,
    optional: bool,
    enabled: bool,
) -> Option<Option<String>> {
    // Outer None: nothing changed; Some(None): the date was cleared.
    let order = date_order(ui);
    let draft_id = Id::unique(("date-field", &key));
    let mut draft: Option<Draft> = ui.data(|d| d.get_temp(draft_id));
    let mut text = draft
        .as_ref()
        .map_or_else(|| saved.unwrap_or_default().to_owned(), |d| d.text.clone());
    let mut chosen = None;
    ui.horizontal(|ui| {
        let hint = format!("e.g. {}", order.example());
        let width = ui
            .fonts_mut(|f| {
                f.layout_no_wrap(
                    format!("{hint}  "),
                    egui::TextStyle::Body.resolve(ui.style()),
                    egui::Color32::WHITE,
                )
            })
            .size()
            .x
            .max(110.0);
        let response = ui.add_enabled(
            enabled,
            egui::TextEdit::singleline(&mut text)
                .id(draft_id.with("text"))
                .hint_text(hint)
                .desired_width(width),
        );
        name_for_screen_readers(&response, Role::TextInput, None, name);
        if response.changed() {
            draft = Some(Draft {
                text: text.clone(),
                problem: draft.as_ref().and_then(|d| d.problem.clone()),
            });
            // A date that already reads well is kept at once, so quitting
            // while the field still has focus loses nothing; problems wait
            // until the field is left, so half-typed dates are not scolded.
            if looks_complete(text.trim())
                && let Ok(value) = read(text.trim(), order, optional)
                && value.as_deref() != saved
            {
                chosen = Some(value);
            }
        }
        if response.lost_focus() && draft.is_some() {
            let typed = text.trim();
            match read(typed, order, optional) {
                Ok(value) => {
                    draft = None;
                    if value.as_deref() != saved && chosen.is_none() {
                        chosen = Some(value);
                    }
                }
                Err(problem) => {
                    draft = Some(Draft {
                        text: text.clone(),
                        problem: Some(problem),
                    });
                }
            }
        }
        if let Some(date) = calendar_button(ui, &key, name, saved, enabled) {
            draft = None;
            chosen = Some(Some(date));
        }
        if let Some(problem) = draft.as_ref().and_then(|d| d.problem.as_deref()) {
            ui.colored_label(theme::warning(ui.visuals()), problem);
        } else {
            let shown = chosen.clone().flatten().or(saved.map(str::to_owned));
            if let Some(words) = shown.as_deref().and_then(clock::date_in_words) {
                ui.weak(words);
            }
        }
    });
    ui.data_mut(|d| match &draft {
        Some(draft) => {
            d.insert_temp(draft_id, draft.clone());
        }
        None => {
            d.remove::<Draft>(draft_id);
        }
    });
    chosen
}

/// Whether a date is typed out in full (`2026-12-04`, `4/12/2026`): a
/// half-typed `2026-11-3` on the way to `2026-11-30` must not be kept as the
/// 3rd while the person is still typing.
fn looks_complete(typed: &str) -> bool {
    let parts: Vec<&str> = typed
        .split(['-', '/', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    match parts[..] {
        [] => true,
        [year, month, day] if year.len() == 4 => month.len() == 2 && day.len() == 2,
        [_, _, year] => year.len() == 4,
        _ => false,
    }
}

fn read(typed: &str, order: DateOrder, optional: bool) -> Result<Option<String>, String> {
    if typed.is_empty() {
        return if optional {
            Ok(None)
        } else {
            Err("A date is needed here".to_owned())
        };
    }
    clock::parse_date(typed, order)
        .map(Some)
        .map_err(|error| format!("Not a date yet: {error}"))
}

/// The locale's date order, read once per window.
fn date_order(ui: &Ui) -> DateOrder {
    let id = Id::unique("date-order");
    if let Some(order) = ui.data(|d| d.get_temp::<DateOrderSetting>(id)) {
        return order.0;
    }
    let order = DateOrder::from_environment();
    ui.data_mut(|d| d.insert_temp(id, DateOrderSetting(order)));
    order
}

#[derive(Clone, Copy)]
struct DateOrderSetting(DateOrder);

/// A button beside the field that opens a month calendar. Returns a picked day.
fn calendar_button(
    ui: &mut Ui,
    key: &(impl std::hash::Hash + std::fmt::Debug),
    name: &str,
    saved: Option<&str>,
    enabled: bool,
) -> Option<String> {
    let button = ui
        .add_enabled(enabled, egui::Button::new("📅"))
        .on_hover_text("Choose from a calendar");
    let calendar_name = format!("Calendar: {name}");
    name_for_screen_readers(&button, Role::Button, None, &calendar_name);
    let month_id = Id::unique(("date-field-month", key));
    if button.clicked() {
        let start = saved
            .filter(|d| clock::is_valid_date(d))
            .unwrap_or(&clock::today())
            .to_owned();
        let year = start.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
        let month = start.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
        ui.data_mut(|d| d.insert_temp(month_id, CalendarMonth { year, month }));
    }
    let mut picked = None;
    egui::Popup::from_toggle_button_response(&button)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .accessible_name(calendar_name)
        .show(|ui| {
            let mut shown: CalendarMonth =
                ui.data(|d| d.get_temp(month_id)).unwrap_or(CalendarMonth {
                    year: 2026,
                    month: 1,
                });
            ui.horizontal(|ui| {
                let previous = ui.button("◀");
                name_for_screen_readers(&previous, Role::Button, None, "Previous month");
                if previous.clicked() {
                    shown = if shown.month == 1 {
                        CalendarMonth {
                            year: shown.year - 1,
                            month: 12,
                        }
                    } else {
                        CalendarMonth {
                            year: shown.year,
                            month: shown.month - 1,
                        }
                    };
                }
                ui.strong(format!(
                    "{} {}",
                    MONTH_NAMES[(shown.month - 1) as usize],
                    shown.year
                ));
                let next = ui.button("▶");
                name_for_screen_readers(&next, Role::Button, None, "Next month");
                if next.clicked() {
                    shown = if shown.month == 12 {
                        CalendarMonth {
                            year: shown.year + 1,
                            month: 1,
                        }
                    } else {
                        CalendarMonth {
                            year: shown.year,
                            month: shown.month + 1,
                        }
                    };
                }
            });
            ui.data_mut(|d| d.insert_temp(month_id, shown));
            let today = clock::today();
            egui::Grid::new(("calendar", shown.year, shown.month))
                .spacing(egui::vec2(2.0, 2.0))
                .show(ui, |ui| {
                    for weekday in WEEKDAY_NAMES {
                        ui.weak(&weekday[..2]);
                    }
                    ui.end_row();
                    let first = clock::weekday(shown.year, shown.month, 1);
                    for _ in 0..first {
                        ui.label("");
                    }
                    let days = clock::days_in_month(shown.year, shown.month);
                    for day in 1..=days {
                        let iso = format!("{:04}-{:02}-{day:02}", shown.year, shown.month);
                        let selected = saved == Some(iso.as_str());
                        let mut text = egui::RichText::new(format!("{day:>2}")).monospace();
                        if iso == today {
                            text = text.underline();
                        }
                        let response = ui.add(egui::Button::new(text).selected(selected));
                        let words = clock::date_in_words(&iso).unwrap_or_else(|| iso.clone());
                        name_for_screen_readers(&response, Role::Button, Some(selected), &words);
                        if response.clicked() {
                            picked = Some(iso);
                            ui.close();
                        }
                        if (first + day).is_multiple_of(7) {
                            ui.end_row();
                        }
                    }
                });
        });
    picked
}
