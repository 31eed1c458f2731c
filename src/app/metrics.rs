//! Optional timing of the window, for `scripts/measure`: time from process
//! start to the end of the first frame, to the notebook read and to the first
//! frame that shows it, and the time spent in each `ui()` call.
//!
//! Off unless `PL_REFLECT_MEASURE=FILE` is set; then the figures are written
//! to FILE as JSON when the window closes. Nothing is measured otherwise.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The environment variable that turns measuring on and names the output file.
pub const MEASURE_ENV: &str = "PL_REFLECT_MEASURE";

static PROCESS_START: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`, so start-up time includes loading guides and data.
pub fn mark_process_start() {
    let _ = PROCESS_START.set(Instant::now());
}

#[derive(Default)]
pub struct FrameMetrics {
    output: Option<PathBuf>,
    first_frame: Option<Duration>,
    /// Time from process start until the notebook was read (on another thread).
    opened: Option<Duration>,
    /// Time from process start to the end of the first frame that showed the
    /// notebook, and that frame's index in `ui_times`.
    notebook_frame: Option<(Duration, usize)>,
    ui_times: Vec<Duration>,
}

impl FrameMetrics {
    pub fn from_env() -> Self {
        FrameMetrics {
            output: std::env::var_os(MEASURE_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            ..FrameMetrics::default()
        }
    }

    pub fn is_on(&self) -> bool {
        self.output.is_some()
    }

    /// Records that the notebook's files have been read and taken in.
    pub fn record_open(&mut self) {
        if self.is_on() {
            self.opened = PROCESS_START.get().map(Instant::elapsed);
        }
    }

    /// Records one `ui()` call that started at `started`.
    pub fn record_frame(&mut self, started: Instant) {
        if !self.is_on() {
            return;
        }
        self.ui_times.push(started.elapsed());
        let since_start = PROCESS_START.get().map(Instant::elapsed);
        if self.first_frame.is_none() {
            self.first_frame = since_start;
        }
        if self.opened.is_some() && self.notebook_frame.is_none() {
            self.notebook_frame = since_start.map(|d| (d, self.ui_times.len() - 1));
        }
    }

    /// Writes the figures; called once as the window closes.
    pub fn write(&mut self) {
        let Some(path) = self.output.take() else {
            return;
        };
        let micros: Vec<u128> = self.ui_times.iter().map(Duration::as_micros).collect();
        let report = serde_json::json!({
            "first_frame_ms": self.first_frame.map(|d| d.as_secs_f64() * 1000.0),
            "opened_ms": self.opened.map(|d| d.as_secs_f64() * 1000.0),
            "notebook_frame_ms": self.notebook_frame.map(|(d, _)| d.as_secs_f64() * 1000.0),
            "notebook_frame_index": self.notebook_frame.map(|(_, index)| index),
            "frames": micros.len(),
            "ui_micros": micros,
        });
        if let Ok(bytes) = serde_json::to_vec_pretty(&report) {
            let _ = std::fs::write(path, bytes);
        }
    }
}
