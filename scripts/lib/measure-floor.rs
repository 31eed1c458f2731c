//! The floor for `scripts/measure`: the cheapest eframe window there is, built
//! with the same eframe version and features as PL Reflect (the renderer is
//! chosen by the `glow` or `wgpu` feature of the little project the script
//! makes around this file). It shows one label, and, with `FLOOR_MEASURE=FILE`,
//! writes the same JSON as the app's `PL_REFLECT_MEASURE` (`first_frame_ms`,
//! `frames`, `ui_micros`) when the window closes, plus `frame_ms`: when each
//! frame began, in ms since the process started.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use eframe::egui;

struct Floor {
    start: Instant,
    output: Option<PathBuf>,
    first_frame: Option<Duration>,
    ui_times: Vec<Duration>,
    frame_starts: Vec<Duration>,
}

impl eframe::App for Floor {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let started = Instant::now();
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("The floor: an eframe window with one label.");
        });
        self.frame_starts.push(started - self.start);
        self.ui_times.push(started.elapsed());
        if self.first_frame.is_none() {
            self.first_frame = Some(self.start.elapsed());
        }
    }
}

impl Drop for Floor {
    fn drop(&mut self) {
        let Some(path) = self.output.take() else {
            return;
        };
        let micros: Vec<String> = self
            .ui_times
            .iter()
            .map(|d| d.as_micros().to_string())
            .collect();
        let starts: Vec<String> = self
            .frame_starts
            .iter()
            .map(|d| format!("{:.3}", d.as_secs_f64() * 1000.0))
            .collect();
        let first = self.first_frame.map_or_else(
            || "null".to_owned(),
            |d| format!("{:.3}", d.as_secs_f64() * 1000.0),
        );
        let json = format!(
            "{{\"first_frame_ms\": {first}, \"frames\": {}, \"ui_micros\": [{}], \"frame_ms\": [{}]}}\n",
            micros.len(),
            micros.join(", "),
            starts.join(", ")
        );
        let _ = std::fs::write(path, json);
    }
}

fn main() -> eframe::Result {
    let start = Instant::now();
    let output = std::env::var_os("FLOOR_MEASURE")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare floor")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Bare floor",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(Floor {
                start,
                output,
                first_frame: None,
                ui_times: Vec::new(),
                frame_starts: Vec::new(),
            }))
        }),
    )
}
