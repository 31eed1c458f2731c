//! "Add my next steps to my calendar…": what goes into the calendar file.

use egui::Ui;

use super::buttons;
use crate::app::views::Action;

pub(super) fn calendar(ui: &mut Ui, include_private: &mut bool, actions: &mut Vec<Action>) {
    ui.heading("Add my next steps to my calendar");
    ui.label(
        "Each next step with a revisit date becomes an all-day event on that date, in a calendar \
         file (.ics) that Google, Outlook and Apple Calendar import. Importing a newer file again \
         updates the same events instead of adding them twice. The file is plain: anyone who \
         has it can read the steps.",
    );
    ui.checkbox(
        include_private,
        "Include the steps of answers I marked private",
    );
    if buttons(ui, "Save…", actions) {
        actions.push(Action::SaveCalendar {
            include_private: *include_private,
        });
    }
}
