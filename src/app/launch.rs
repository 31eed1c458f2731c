//! Opening the window: the data folder, the display, the notebook's read on
//! another thread, then eframe's event loop until the window closes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use winit::event_loop::EventLoop;

use super::{AppConfig, FolderToOpen, ReflectApp};

/// The application id: the desktop entry's and metainfo's file names, the
/// icon's name, the window's Wayland app id and X11 class, and the MIME type's
/// package (packaging/linux/). The data folder does not depend on it.
pub const APP_ID: &str = "org.plreflect.PLReflect";

/// The window icon: the 128 px rendering of the packaged icon.
const ICON_PNG: &[u8] =
    include_bytes!("../../packaging/linux/icons/hicolor/128x128/apps/org.plreflect.PLReflect.png");

/// The window icon, or None (the toolkit's own then) if it cannot be decoded.
fn window_icon() -> Option<Arc<egui::IconData>> {
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => Some(Arc::new(icon)),
        Err(error) => {
            log::error!("the window icon could not be read: {error}");
            None
        }
    }
}

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
    let opening = folder.start_reading();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("PL Reflect")
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 480.0]);
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
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
    // A window destroyed from outside (not closed: `xdotool windowclose`, a
    // crashed window manager) makes winit's X11 code panic on its next look
    // at the window. That is caught here: the app is then dropped, which
    // writes every pending edit, and PL Reflect ends without a backtrace.
    WindowGone::install_hook();
    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop.run_app(&mut window)
    }));
    if let Ok(result) = ran {
        result.map_err(|error| could_not_open(&error))?;
    } else {
        eprintln!("The window was closed by the system; everything was saved.");
        let dropped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(window)));
        return match dropped {
            Ok(()) => Ok(()),
            Err(_) => Err(anyhow::anyhow!(
                "the window went away and PL Reflect could not finish saving; what was not saved is kept in the recovery folder if a save failed"
            )),
        };
    }
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

/// Keeps the panic of a window that was destroyed from outside off the
/// terminal (it is expected, and handled by `run`); every other panic is
/// reported as usual.
struct WindowGone;

impl WindowGone {
    fn install_hook() {
        let usual = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_window_system = info.location().is_some_and(|l| {
                let file = l.file();
                file.contains("winit") && file.contains("x11")
            });
            if !in_window_system {
                usual(info);
            }
        }));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_icon_decodes_at_its_size() {
        let icon = window_icon().unwrap();
        assert_eq!((icon.width, icon.height), (128, 128));
        assert_eq!(icon.rgba.len(), 128 * 128 * 4);
    }

    #[test]
    fn the_desktop_entry_and_metainfo_use_the_app_id() {
        let desktop = include_str!("../../packaging/linux/org.plreflect.PLReflect.desktop");
        assert!(desktop.contains(&format!("\nIcon={APP_ID}\n")), "{desktop}");
        assert!(
            desktop.contains(&format!("\nStartupWMClass={APP_ID}\n")),
            "{desktop}"
        );
        let metainfo = include_str!("../../packaging/linux/org.plreflect.PLReflect.metainfo.xml");
        assert!(
            metainfo.contains(&format!("<id>{APP_ID}</id>")),
            "{metainfo}"
        );
        assert!(
            metainfo.contains(&format!(
                "<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>"
            )),
            "{metainfo}"
        );
    }
}
