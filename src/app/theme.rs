//! The visual language, defined once: spacing, colours and text styles.

use egui::{Color32, FontFamily, FontId, TextStyle, ThemePreference};
use serde::{Deserialize, Serialize};

/// The reading column never grows wider than this, so lines stay easy to read.
pub const READING_WIDTH: f32 = 760.0;
/// Space between major blocks.
pub const GAP: f32 = 18.0;
/// Space between related items.
pub const SMALL_GAP: f32 = 8.0;
/// Inner margin of cards.
pub const CARD_MARGIN: i8 = 14;
pub const MIN_ZOOM: f32 = 0.6;
pub const MAX_ZOOM: f32 = 2.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow the system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }

    fn preference(self) -> ThemePreference {
        match self {
            ThemeChoice::System => ThemePreference::System,
            ThemeChoice::Light => ThemePreference::Light,
            ThemeChoice::Dark => ThemePreference::Dark,
        }
    }
}

/// Applies the theme choice and the house text styles to the context.
pub fn apply(ctx: &egui::Context, choice: ThemeChoice) {
    ctx.set_theme(choice.preference());
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(26.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Name("Subheading".into()),
                FontId::new(19.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.5, FontFamily::Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.5, FontFamily::Proportional),
            ),
        ]
        .into();
        // One rasterization per glyph instead of up to four sub-pixel offsets:
        // text is a little crisper, and a screen's first frame is about 1.5 ms
        // cheaper, as every glyph it shows is rasterized then.
        style.visuals.text_options.subpixel_binning = false;
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 26.0;
        // egui's default body text is quite dim; reading long prompts needs more contrast.
        let text = if style.visuals.dark_mode {
            Color32::from_gray(215)
        } else {
            Color32::from_gray(25)
        };
        style.visuals.widgets.noninteractive.fg_stroke.color = text;
        tune_contrast(&mut style.visuals);
    });
    // egui's own Ctrl +/- handling is off: the shared command list handles zoom,
    // so the menu and the shortcut do the same thing and the level is saved.
    ctx.options_mut(|options| options.zoom_with_keyboard = false);
}

/// Colours that keep every text at 4.5:1 and every control's outline at
/// 3:1 against what is behind it (WCAG 2.1 AA), in both themes: text boxes
/// stand out from the cards they sit on, and the keyboard focus is a clear
/// ring.
fn tune_contrast(visuals: &mut egui::Visuals) {
    let accent = accent(visuals);
    if visuals.dark_mode {
        visuals.panel_fill = Color32::from_gray(27);
        visuals.window_fill = Color32::from_gray(32);
        visuals.faint_bg_color = Color32::from_gray(34);
        visuals.extreme_bg_color = Color32::from_gray(12);
        visuals.override_text_color = None;
        visuals.weak_text_alpha = 1.0;
        visuals.weak_text_color = Some(Color32::from_gray(165));
        visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(110));
        visuals.widgets.inactive.fg_stroke.color = Color32::from_gray(225);
        visuals.widgets.inactive.weak_bg_fill = Color32::from_gray(52);
        visuals.widgets.inactive.bg_fill = Color32::from_gray(52);
        // egui's own link, error and warning colours fall short of 4.5:1 on
        // these backgrounds (error red on the panel is 4.3:1).
        visuals.hyperlink_color = Color32::from_rgb(140, 190, 255);
        visuals.error_fg_color = Color32::from_rgb(255, 140, 130);
        visuals.warn_fg_color = warning(visuals);
    } else {
        visuals.panel_fill = Color32::from_gray(240);
        visuals.window_fill = Color32::from_gray(250);
        visuals.faint_bg_color = Color32::from_gray(250);
        visuals.extreme_bg_color = Color32::WHITE;
        visuals.weak_text_alpha = 1.0;
        visuals.weak_text_color = Some(Color32::from_gray(85));
        visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(120));
        visuals.widgets.inactive.fg_stroke.color = Color32::from_gray(20);
        visuals.widgets.inactive.weak_bg_fill = Color32::from_gray(226);
        visuals.widgets.inactive.bg_fill = Color32::from_gray(226);
        visuals.selection.bg_fill = Color32::from_rgb(180, 220, 205);
        visuals.selection.stroke = egui::Stroke::new(1.0, Color32::from_gray(10));
        // egui's light link (2.6:1), error (3.5:1) and warning (2.6:1)
        // colours are too faint on a light panel.
        visuals.hyperlink_color = Color32::from_rgb(0, 85, 170);
        visuals.error_fg_color = Color32::from_rgb(170, 20, 20);
        visuals.warn_fg_color = warning(visuals);
    }
    // A focused control is drawn with the "hovered" look; make it a ring.
    visuals.widgets.hovered.bg_stroke = egui::Stroke::new(2.0, accent);
    visuals.widgets.active.bg_stroke = egui::Stroke::new(2.0, accent);
    visuals.text_edit_bg_color = Some(visuals.extreme_bg_color);
}

/// The contrast ratio of two colours, as WCAG 2.1 defines it (1 to 21).
#[cfg(test)]
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

pub fn subheading() -> TextStyle {
    TextStyle::Name("Subheading".into())
}

/// The accent used for "already in your practice" and progress.
pub fn accent(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(110, 190, 160)
    } else {
        Color32::from_rgb(30, 120, 95)
    }
}

/// Colour for problems that need attention.
pub fn warning(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(240, 180, 90)
    } else {
        Color32::from_rgb(160, 90, 0)
    }
}

/// A softly filled card around a block of content.
pub fn card(ui: &egui::Ui) -> egui::Frame {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(egui::Margin::same(CARD_MARGIN))
        .corner_radius(8.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn visuals(dark: bool) -> egui::Visuals {
        let ctx = egui::Context::default();
        apply(
            &ctx,
            if dark {
                ThemeChoice::Dark
            } else {
                ThemeChoice::Light
            },
        );
        let theme = if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        };
        ctx.style_of(theme).visuals.clone()
    }

    #[test]
    fn every_text_and_outline_is_readable_in_both_themes() {
        for dark in [false, true] {
            let v = visuals(dark);
            let text = v.widgets.noninteractive.fg_stroke.color;
            let weak = v.weak_text_color();
            let backgrounds = [
                ("panel", v.panel_fill),
                ("card", v.faint_bg_color),
                ("dialog", v.window_fill),
                ("text box", v.extreme_bg_color),
            ];
            for (where_, bg) in backgrounds {
                for (what, fg, least) in [
                    ("text", text, 4.5),
                    ("weak text", weak, 4.5),
                    ("accent text", accent(&v), 4.5),
                    ("warning text", warning(&v), 4.5),
                    ("button text", v.widgets.inactive.fg_stroke.color, 4.5),
                ] {
                    let ratio = contrast(fg, bg);
                    assert!(
                        ratio >= least,
                        "{} theme: {what} on {where_} is {ratio:.2}:1, below {least}:1",
                        if dark { "dark" } else { "light" }
                    );
                }
            }
            let button = v.widgets.inactive.weak_bg_fill;
            let ratio = contrast(v.widgets.inactive.fg_stroke.color, button);
            assert!(ratio >= 4.5, "button text on a button is {ratio:.2}:1");
            for (where_, bg) in [("panel", v.panel_fill), ("card", v.faint_bg_color)] {
                let outline = contrast(v.widgets.inactive.bg_stroke.color, bg);
                assert!(
                    outline >= 3.0,
                    "control outline on {where_} is {outline:.2}:1"
                );
                let focus = contrast(v.widgets.hovered.bg_stroke.color, bg);
                assert!(focus >= 3.0, "focus ring on {where_} is {focus:.2}:1");
            }
        }
    }

    #[test]
    fn contrast_follows_the_wcag_formula() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.01);
    }
}

/// The states a control passes through (hovered, pressed, selected, as a
/// chosen level is drawn), links and the error and warning colours, in both
/// themes: at least 4.5:1 for text, 3:1 for outlines and the focus ring
/// (WCAG 2.1 AA 1.4.3 and 1.4.11).
#[cfg(test)]
mod state_contrast {
    use super::*;
    use egui::Color32;

    use super::tests::visuals;

    fn name(dark: bool) -> &'static str {
        if dark { "dark" } else { "light" }
    }

    #[test]
    fn text_on_every_state_of_a_control_is_readable() {
        let mut failures = Vec::new();
        for dark in [false, true] {
            let v = visuals(dark);
            let states = [
                ("inactive", &v.widgets.inactive),
                ("hovered or focused", &v.widgets.hovered),
                ("pressed", &v.widgets.active),
                ("open", &v.widgets.open),
            ];
            for (state, w) in states {
                for (fill_name, fill) in [("fill", w.bg_fill), ("weak fill", w.weak_bg_fill)] {
                    let ratio = contrast(w.fg_stroke.color, fill);
                    if ratio < 4.5 {
                        failures.push(format!(
                            "{} theme: {state} control text on its {fill_name} is {ratio:.2}:1",
                            name(dark)
                        ));
                    }
                }
            }
            // A selected button (the chosen level of a practice) is drawn with the
            // selection fill behind the selection stroke colour as its text.
            let ratio = contrast(v.selection.stroke.color, v.selection.bg_fill);
            if ratio < 4.5 {
                failures.push(format!(
                    "{} theme: selected control text on the selection fill is {ratio:.2}:1",
                    name(dark)
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn links_errors_and_warnings_are_readable_on_every_background() {
        let mut failures = Vec::new();
        for dark in [false, true] {
            let v = visuals(dark);
            let backgrounds = [
                ("panel", v.panel_fill),
                ("card", v.faint_bg_color),
                ("dialog", v.window_fill),
                ("text box", v.extreme_bg_color),
            ];
            let texts: [(&str, Color32); 5] = [
                ("link", v.hyperlink_color),
                ("error", v.error_fg_color),
                ("warning", v.warn_fg_color),
                ("accent", accent(&v)),
                ("app warning", warning(&v)),
            ];
            for (where_, bg) in backgrounds {
                for (what, fg) in texts {
                    let ratio = contrast(fg, bg);
                    if ratio < 4.5 {
                        failures.push(format!(
                            "{} theme: {what} text on {where_} is {ratio:.2}:1",
                            name(dark)
                        ));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn the_focus_ring_and_outlines_stand_out_from_a_dialog_and_a_text_box() {
        let mut failures = Vec::new();
        for dark in [false, true] {
            let v = visuals(dark);
            for (where_, bg) in [("dialog", v.window_fill), ("text box", v.extreme_bg_color)] {
                for (what, stroke) in [
                    ("focus ring", v.widgets.hovered.bg_stroke.color),
                    ("control outline", v.widgets.inactive.bg_stroke.color),
                ] {
                    let ratio = contrast(stroke, bg);
                    if ratio < 3.0 {
                        failures.push(format!(
                            "{} theme: {what} on {where_} is {ratio:.2}:1",
                            name(dark)
                        ));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
