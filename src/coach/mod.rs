//! Coach mode: an instructional coach's one-on-one sessions with many teachers,
//! and what the coach sees across them.
//!
//! - [`CoachSession`]: agenda, notes and agreed steps of one session, changed
//!   only through [`SessionEdit`] and [`apply_session_edit`]; stored by
//!   [`crate::store::Store::save_session`] in `DATA/sessions/`;
//! - teachers: rename, archive, remove ([`rename_teacher`], [`set_archived`], ...);
//! - [`compare`]: two reflections practice by practice;
//! - [`growth`]: practices in use over time;
//! - [`due_revisits`]: next steps whose revisit date has come, across teachers;
//! - [`plan_import`] / [`apply_import`]: a teacher's exported reflection into the notebook;
//! - [`aggregate`]: the school-wide picture, with no names and small groups hidden.
//!
//! Everything here is a pure function of its arguments except
//! [`apply_import`], which writes through the [`crate::store::Store`]. Like the
//! rest of the core, this module knows nothing of egui.

mod agenda;
pub mod aggregate;
pub mod calendar;
mod compare;
mod due;
mod growth;
mod import;
mod teachers;

#[cfg(test)]
mod test_support;

pub use agenda::{AgendaSuggestion, MAX_AGENDA_SUGGESTIONS, suggested_agenda};
pub use aggregate::{
    CommonPractice, ComponentPicture, DEFAULT_MIN_GROUP, PracticePicture, SchoolPicture, Shown,
    aggregate,
};
pub use compare::{
    Change, Comparison, ComponentComparison, PracticeComparison, ReflectionRef, compare,
};
pub use due::{DueRevisit, RevisitSource, due_revisits};
pub use growth::{Growth, GrowthPoint, GrowthSeries, growth};
pub use import::{
    GuideCheck, IMPORTED_SUFFIX, ImportChoice, ImportError, ImportPlan, ImportResult,
    TeacherChoice, apply_import, open_protected, plan_import, teacher_from_arg,
};
// The session model lives below the store, in `crate::session`; named here too
// because coach mode is where the window and the command line meet it.
pub use crate::session::{
    AgendaItem, AgreedStep, CoachSession, SESSION_FORMAT, SessionEdit, SessionEditError,
    apply_session_edit, sessions_of,
};
pub use teachers::{
    TeacherError, active_teachers, add_teacher, count_teacher_data, find_teacher, remove_teacher,
    rename_teacher, same_name, set_archived,
};

/// Whether `a` is newer than `b`: started later, then changed later, then the larger id.
fn is_newer(a: &crate::reflection::Reflection, b: &crate::reflection::Reflection) -> bool {
    (&a.created, &a.updated, &a.id) > (&b.created, &b.updated, &b.id)
}
