//! Teachers, reflections, answers, and the pure operations that change them.

pub mod changes;
mod edit;
mod id;
mod model;
mod plan;
mod progress;

pub use edit::{Edit, EditError, apply};
pub use id::{MAX_REFLECTION_ID_CHARS, is_valid_reflection_id};
pub use model::*;
pub use plan::{plan_lines, plan_practice_name};
pub use progress::{Progress, SectionProgress, orphaned_answers, progress};
