//! Shared set-up for the UI tests: a real app on a temporary data folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pl_reflect::app::{AppConfig, ReflectApp};

pub fn config(data_dir: &Path) -> AppConfig {
    AppConfig {
        data_dir: data_dir.to_path_buf(),
        guide_dirs: Vec::new(),
        lock_wait: Duration::from_millis(200),
        // Beside the data folder: nothing is ever exported into it.
        export_folder: Some(export_dir(data_dir)),
        import_file: None,
        recovery_dir: Some(recovery_dir(data_dir)),
        // Tests never open a system dialog: the app's own chooser is used.
        system_dialogs: false,
        open_file: None,
        data_folder_pointer: Some(pointer_file(data_dir)),
    }
}

/// Where the tests' app saves exports: the data folder's own exports
/// folder, the one place inside it an export may go, so that it goes with
/// the temporary folder.
pub fn export_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("exports")
}

/// Where the tests' app keeps words it could not save: never in the user's
/// own state folder, and removed with the temporary folder.
pub fn recovery_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(".recovery-for-tests")
}

/// Where the tests' app remembers a moved notebook, never the user's own.
pub fn pointer_file(data_dir: &Path) -> PathBuf {
    data_dir.join(".moved-notebook-for-tests")
}

/// Opens the real app on `data_dir` in a 1280×800 window.
pub fn open_app(data_dir: &Path) -> Harness<'static, ReflectApp> {
    open_app_with(config(data_dir))
}

/// Opens the real app with an extra guides folder.
pub fn open_app_with_guides(data_dir: &Path, guides: &Path) -> Harness<'static, ReflectApp> {
    let mut config = config(data_dir);
    config.guide_dirs = vec![guides.to_path_buf()];
    open_app_with(config)
}

/// Opens the real app that imports `file` instead of asking with a dialog.
pub fn open_app_importing(data_dir: &Path, file: &Path) -> Harness<'static, ReflectApp> {
    let mut config = config(data_dir);
    config.import_file = Some(file.to_path_buf());
    open_app_with(config)
}

/// Opens the real app the way `pl-reflect FILE` (a double click) does.
pub fn open_app_opening(data_dir: &Path, file: &Path) -> Harness<'static, ReflectApp> {
    let mut config = config(data_dir);
    config.open_file = Some(file.to_path_buf());
    open_app_with(config)
}

/// Lets frames run until work on other threads (file reads, imports) is done.
pub fn settle(harness: &mut Harness<'static, ReflectApp>) {
    for _ in 0..25 {
        harness.run();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run();
}

fn open_app_with(config: AppConfig) -> Harness<'static, ReflectApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        // Saves finish on a worker thread; the app repaints to show "saved".
        .with_max_steps(60)
        .build_eframe(move |cc| ReflectApp::new(&cc.egui_ctx, config).expect("the app opens"));
    // The notebook is read on another thread while the first frames show.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while harness.state().is_opening() {
        assert!(
            std::time::Instant::now() < deadline,
            "the notebook did not open within 20 s"
        );
        std::thread::sleep(Duration::from_millis(2));
        harness.step();
    }
    harness.run();
    harness
}

/// Lets the app write every pending edit, then returns the reflection files.
pub fn saved_reflections(
    harness: &mut Harness<'static, ReflectApp>,
    data_dir: &Path,
) -> Vec<serde_json::Value> {
    harness.state_mut().flush();
    reflection_files(data_dir)
        .iter()
        .map(|path| {
            serde_json::from_slice(&std::fs::read(path).expect("read")).expect("saved file is JSON")
        })
        .collect()
}

pub fn reflection_files(data_dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir.join("reflections"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Types into the text field with this accessible name, one key at a time as
/// a keyboard does (a very long text arrives at once, as pasted text does).
pub fn type_into(harness: &mut Harness<'static, ReflectApp>, label: &str, text: &str) {
    if text.chars().count() <= 200 {
        type_keys(harness, label, text);
        return;
    }
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Replaces the whole text of the field with this accessible name, as a user
/// does with Ctrl+A and typing.
pub fn replace_text(harness: &mut Harness<'static, ReflectApp>, label: &str, text: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    for ch in text.chars() {
        harness.event(egui::Event::Text(ch.to_string()));
        harness.step();
    }
    harness.run();
}

/// Clicks the widget with this accessible name and lets the app settle.
pub fn click(harness: &mut Harness<'static, ReflectApp>, label: &str) {
    // Like a person, scroll the control into view before clicking it.
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Clicks the first widget whose accessible name starts with `prefix`.
pub fn click_starting_with(harness: &mut Harness<'static, ReflectApp>, prefix: &str) {
    harness.get_by_label_contains(prefix).scroll_to_me();
    harness.run();
    harness.get_by_label_contains(prefix).click();
    harness.run();
}

/// First start: give a name and begin the default guide.
pub fn begin(harness: &mut Harness<'static, ReflectApp>, name: &str) {
    type_into(harness, "Your name (optional)", name);
    click(harness, "Start reflecting");
}

/// Jumps to a practice the way a teacher would: Ctrl+F, type, pick it.
pub fn find_practice(harness: &mut Harness<'static, ReflectApp>, name: &str) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    type_into(harness, "Search", name);
    click(harness, name);
}

/// Writes a valid guide with `practices` practices in 10 components to `dir`.
pub fn write_stress_guide(dir: &Path, practices: usize) {
    let per_component = practices.div_ceil(10);
    let components: Vec<serde_json::Value> = (0..10)
        .map(|c| {
            let items: Vec<serde_json::Value> = (0..per_component)
                .map(|p| c * per_component + p)
                .filter(|n| *n < practices)
                .map(|n| {
                    serde_json::json!({
                        "id": format!("practice-{n}"),
                        "name": format!("Practice number {n}"),
                        "description": "A practice for testing long guides.",
                        "example": "Students do something concrete."
                    })
                })
                .collect();
            serde_json::json!({"id": format!("component-{c}"), "title": format!("Component {c}"), "description": "A group.", "practices": items})
        })
        .collect();
    let guide = serde_json::json!({
        "format": 1, "id": "stress", "version": 1, "title": "Stress guide", "description": "Many practices.",
        "language": "en", "source": {"title": "Generated", "author": "Tests"},
        "scales": [{"id": "level", "title": "Level", "levels": [
            {"id": "not-yet", "label": "Not yet", "description": "Not yet.", "in_use": false},
            {"id": "regular", "label": "Regular", "description": "Often.", "in_use": true}]}],
        "sections": [{"kind": "checklist", "id": "all", "title": "All practices", "scale": "level", "components": components}]
    });
    std::fs::write(
        dir.join("stress.json"),
        serde_json::to_vec_pretty(&guide).expect("json"),
    )
    .expect("write guide");
}

/// Files in a folder, or none if it does not exist.
pub fn files_in(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Lets frames run until the export worker has written its file and the
/// dialog has closed; returns the files in the tests' export folder.
pub fn wait_for_export(
    harness: &mut Harness<'static, ReflectApp>,
    data_dir: &Path,
) -> Vec<PathBuf> {
    let exports = export_dir(data_dir);
    for _ in 0..300 {
        harness.run();
        if !files_in(&exports).is_empty() && harness.query_by_label("Save…").is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    files_in(&exports)
}

/// Types into the field with this accessible name the way a keyboard does:
/// one key at a time, each in its own frame (key down, the character, key
/// up), so a field that throws away partial input is caught.
pub fn type_keys(harness: &mut Harness<'static, ReflectApp>, label: &str, text: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.run();
    for ch in text.chars() {
        let key = egui::Key::from_name(&ch.to_ascii_uppercase().to_string());
        if let Some(key) = key {
            harness.key_down(key);
        }
        harness.event(egui::Event::Text(ch.to_string()));
        harness.step();
        if let Some(key) = key {
            harness.key_up(key);
        }
        harness.step();
    }
    harness.run();
}

/// Presses one key and lets the app settle.
pub fn press(harness: &mut Harness<'static, ReflectApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

/// Empties the field with this accessible name key by key (End, then
/// Backspace for each character), as a person does.
pub fn clear_keys(harness: &mut Harness<'static, ReflectApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.run();
    let length = harness
        .get_by_label(label)
        .value()
        .map_or(0, |v| v.chars().count());
    harness.key_press(egui::Key::End);
    harness.step();
    for _ in 0..length {
        harness.key_press(egui::Key::Backspace);
        harness.step();
    }
    harness.run();
}

/// A file dropped onto the window, as the window system hands it over.
#[derive(Debug)]
pub struct DroppedPath(pub PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops a file onto the window and lets the app settle.
pub fn drop_file(harness: &mut Harness<'static, ReflectApp>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path.to_path_buf())));
    harness.run();
    settle(harness);
}

/// In the app's own file chooser: types a folder (or file) and presses Enter,
/// as a person does when no system dialog is there.
pub fn go_to_in_chooser(harness: &mut Harness<'static, ReflectApp>, path: &Path) {
    replace_text(harness, "File or folder", &path.display().to_string());
    press(harness, egui::Key::Enter);
}
