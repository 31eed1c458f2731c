//! PL Reflect: a private, local-first notebook in which teachers reflect on
//! personalized learning.
//!
//! The core (guides, reflections, storage) knows nothing of egui; the `app`
//! module is the only place that draws.

pub mod app;
pub mod cli;
pub mod clock;
pub mod coach;
pub mod export;
pub mod guide;
pub mod plain_text;
pub mod reflection;
pub mod session;
pub mod store;
pub mod strict_json;
pub mod summary;
pub mod text_position;
pub mod words;
