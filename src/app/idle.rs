//! Locking an encrypted notebook after a chosen time without use. The
//! window tells [`IdleLock`] about each frame; it keeps the time of the last
//! pointer or key input and says when the chosen time has passed. "Now" is
//! read through a [`Clock`], so that a test can move time on without waiting.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Where the window reads the time from.
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
}

/// The computer's own monotonic clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that moves only when told to: for tests of the idle lock.
#[derive(Clone)]
pub struct ManualClock {
    now: Arc<Mutex<Instant>>,
}

impl Default for ManualClock {
    fn default() -> Self {
        ManualClock {
            now: Arc::new(Mutex::new(Instant::now())),
        }
    }
}

impl ManualClock {
    /// Moves the clock (and every copy of it) on by `by`.
    pub fn advance(&self, by: Duration) {
        let mut now = self.now.lock().unwrap_or_else(PoisonError::into_inner);
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        *self.now.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The choices Settings > Privacy offers, in minutes; `None` is "never".
pub const CHOICES: [Option<u32>; 4] = [None, Some(5), Some(15), Some(30)];

/// What the window should do about being idle this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idle {
    /// Nothing yet; look again after this long (None: no need to look).
    Wait(Option<Duration>),
    /// The chosen time has passed without input: lock now.
    Lock,
}

/// The last input, and whether the window was already told it could not lock.
pub struct IdleLock {
    clock: Arc<dyn Clock>,
    last_input: Instant,
    /// Locking was refused (words not saved) during this stretch without
    /// input: the reason was told once and is not told again.
    pub refused: bool,
}

impl Default for IdleLock {
    fn default() -> Self {
        IdleLock::with_clock(Arc::new(SystemClock))
    }
}

impl IdleLock {
    pub fn with_clock(clock: Arc<dyn Clock>) -> Self {
        let last_input = clock.now();
        IdleLock {
            clock,
            last_input,
            refused: false,
        }
    }

    /// Counts from now, as when the notebook has just been unlocked or opened.
    pub fn restart(&mut self) {
        self.last_input = self.clock.now();
    }

    /// After a refused lock: try again only after another full idle time.
    pub fn refuse(&mut self) {
        self.refused = true;
        self.restart();
    }

    /// Takes in this frame's input and says whether to lock. `after` is the
    /// chosen time in minutes (None: never); a plain notebook never locks.
    pub fn frame(&mut self, ctx: &egui::Context, after: Option<u32>, encrypted: bool) -> Idle {
        let used = ctx.input(|i| i.events.iter().any(is_use));
        self.step(used, after, encrypted)
    }

    /// [`IdleLock::frame`], told whether the window was used this frame.
    fn step(&mut self, used: bool, after: Option<u32>, encrypted: bool) -> Idle {
        if used {
            self.restart();
            self.refused = false;
        }
        let Some(minutes) = after.filter(|_| encrypted) else {
            return Idle::Wait(None);
        };
        let limit = Duration::from_mins(u64::from(minutes));
        let idle = self.clock.now().saturating_duration_since(self.last_input);
        match limit.checked_sub(idle) {
            Some(left) if !left.is_zero() => Idle::Wait(Some(left)),
            _ => Idle::Lock,
        }
    }
}

/// Whether an input event is someone using the window (a pointer or a key),
/// not the system telling it about focus, size or the clipboard.
fn is_use(event: &egui::Event) -> bool {
    use egui::Event;
    matches!(
        event,
        Event::Key { .. }
            | Event::Text(_)
            | Event::Paste(_)
            | Event::Copy
            | Event::Cut
            | Event::Ime(_)
            | Event::PointerMoved(_)
            | Event::MouseMoved(_)
            | Event::PointerButton { .. }
            | Event::MouseWheel { .. }
            | Event::Touch { .. }
            | Event::Zoom(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_once_the_chosen_time_passes_without_input() {
        let clock = ManualClock::default();
        let mut idle = IdleLock::with_clock(Arc::new(clock.clone()));
        clock.advance(Duration::from_mins(4));
        assert_eq!(
            idle.step(false, Some(5), true),
            Idle::Wait(Some(Duration::from_mins(1)))
        );
        clock.advance(Duration::from_mins(1));
        assert_eq!(idle.step(false, Some(5), true), Idle::Lock);
    }

    #[test]
    fn input_starts_the_count_again_and_never_means_never() {
        let clock = ManualClock::default();
        let mut idle = IdleLock::with_clock(Arc::new(clock.clone()));
        clock.advance(Duration::from_mins(4));
        let moved = egui::Event::PointerMoved(egui::pos2(3.0, 4.0));
        assert!(matches!(
            idle.step(is_use(&moved), Some(5), true),
            Idle::Wait(Some(_))
        ));
        clock.advance(Duration::from_mins(4));
        assert!(matches!(
            idle.step(false, Some(5), true),
            Idle::Wait(Some(_))
        ));
        clock.advance(Duration::from_hours(1));
        assert_eq!(idle.step(false, None, true), Idle::Wait(None));
        assert_eq!(
            idle.step(false, Some(5), false),
            Idle::Wait(None),
            "a plain notebook never locks"
        );
    }

    #[test]
    fn focus_and_resizes_are_not_use() {
        assert!(!is_use(&egui::Event::WindowFocused(true)));
        assert!(is_use(&egui::Event::Text("a".into())));
    }
}
