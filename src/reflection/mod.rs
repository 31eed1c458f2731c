//! Teachers, reflections, answers, and the pure operations that change them.

mod edit;
mod model;
mod progress;

pub use edit::{Edit, EditError, apply};
pub use model::*;
pub use progress::{Progress, SectionProgress, orphaned_answers, progress};
