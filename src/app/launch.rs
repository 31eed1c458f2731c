//! Opening the window: the data folder, the display, the notebook's read on
//! another thread, then eframe's event loop until the window closes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use winit::event_loop::EventLoop;

use super::{AppConfig, FolderToOpen, ReflectApp};

/// Opens the window and runs until it is closed.
pub fn run(config: AppConfig) -> anyhow::Result<()> {
    ErrorsToStderr::install();
    let folder = FolderToOpen::open(&config)?;
    let could_not_open =
        |error: &dyn std::fmt::Display| anyhow::anyhow!("could not open the window: {error}");
    // The display connection comes before the first thread. Making the event
    // loop opens the X input method, which reads the 500 KB compose table one
    // character at a time through stdio; once a process has a second thread,
    // glibc locks the stream for every character. Started the other way round
    // the window appeared about 10 ms later (docs/performance.md).
    let event_loop = EventLoop::<eframe::UserEvent>::with_user_event()
        .build()
        .map_err(|error| could_not_open(&error))?;
    // Read the notebook while the window is being made.
    let opening = folder.start_reading()?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("PL Reflect")
            .with_app_id("pl-reflect")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 480.0]),
        ..Default::default()
    };
    let app_made = Arc::new(AtomicBool::new(false));
    let made = Arc::clone(&app_made);
    let mut window = eframe::create_native(
        "PL Reflect",
        options,
        Box::new(move |cc| {
            made.store(true, Ordering::SeqCst);
            Ok(Box::new(ReflectApp::with_opening(
                &cc.egui_ctx,
                config,
                opening,
            )))
        }),
        &event_loop,
    );
    event_loop
        .run_app(&mut window)
        .map_err(|error| could_not_open(&error))?;
    // eframe ends its loop quietly when it cannot make the window (no OpenGL,
    // say); its reason went to the log, which `ErrorsToStderr` printed.
    if app_made.load(Ordering::SeqCst) {
        Ok(())
    } else {
        Err(anyhow::anyhow!(
            "could not open the window (the reason is above); the notebook was not changed"
        ))
    }
}

/// Prints the window libraries' errors, such as why no OpenGL context could
/// be made, to standard error. Everything less than an error stays silent.
struct ErrorsToStderr;

impl ErrorsToStderr {
    fn install() {
        static LOGGER: ErrorsToStderr = ErrorsToStderr;
        // Fails only if a logger is already set, which then does this job.
        if log::set_logger(&LOGGER).is_ok() {
            log::set_max_level(log::LevelFilter::Error);
        }
    }
}

impl log::Log for ErrorsToStderr {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Error
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            eprintln!("error ({}): {}", record.target(), record.args());
        }
    }

    fn flush(&self) {}
}
