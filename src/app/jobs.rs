//! The one way work leaves the UI thread: opening the notebook, asking for
//! and reading a file, rendering and saving an export or a print, and the
//! saving thread itself. Each job has a kind, a state and a result; it wakes
//! the window when it ends, and a job that cannot start says so at once
//! instead of leaving the window waiting for ever.

use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a job does, in the words the notifications panel uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    OpenNotebook,
    ChooseFile,
    ExportSummary,
    Print,
    ExportSchoolPicture,
    ExportCalendar,
    Saving,
}

impl JobKind {
    pub fn doing(self) -> &'static str {
        match self {
            JobKind::OpenNotebook => "Opening your notebook",
            JobKind::ChooseFile => "Choosing and reading a file",
            JobKind::ExportSummary => "Saving the summary",
            JobKind::Print => "Making the summary to print",
            JobKind::ExportSchoolPicture => "Saving the school-wide picture",
            JobKind::ExportCalendar => "Saving the calendar of next steps",
            JobKind::Saving => "Saving your words",
        }
    }

    fn thread_name(self) -> &'static str {
        match self {
            JobKind::OpenNotebook => "open-notebook",
            JobKind::ChooseFile => "open-file",
            JobKind::ExportSummary | JobKind::ExportSchoolPicture | JobKind::ExportCalendar => {
                "export"
            }
            JobKind::Print => "print",
            JobKind::Saving => "autosave",
        }
    }
}

/// Where a job stands.
#[derive(Debug, PartialEq, Eq)]
pub enum JobState<T> {
    Running,
    Done(T),
    /// The job could not start, or stopped without a result.
    Failed(String),
}

/// A job's result, once it is there.
pub struct Job<T> {
    kind: JobKind,
    started: Instant,
    result: Source<T>,
}

/// Where a job's result comes from.
enum Source<T> {
    /// A thread the queue started.
    Thread(Receiver<Result<T, String>>),
    /// A sender elsewhere (a notebook read that a test controls); its going
    /// away without a result is the job's failure.
    Given(Receiver<T>),
}

impl<T> Job<T> {
    /// A job whose result `given` will bring.
    pub fn from_receiver(kind: JobKind, given: Receiver<T>) -> Self {
        Job {
            kind,
            started: Instant::now(),
            result: Source::Given(given),
        }
    }

    pub fn kind(&self) -> JobKind {
        self.kind
    }

    pub fn started(&self) -> Instant {
        self.started
    }

    /// Looks without waiting.
    pub fn poll(&self) -> JobState<T> {
        self.wait(Duration::ZERO)
    }

    /// Waits up to `wait` for the result.
    pub fn wait(&self, wait: Duration) -> JobState<T> {
        let received = match &self.result {
            Source::Thread(result) => result.recv_timeout(wait),
            Source::Given(given) => given.recv_timeout(wait).map(Ok),
        };
        match received {
            Ok(Ok(value)) => JobState::Done(value),
            Ok(Err(error)) => JobState::Failed(error),
            Err(RecvTimeoutError::Timeout) => JobState::Running,
            Err(RecvTimeoutError::Disconnected) => {
                JobState::Failed(format!("{} stopped unexpectedly", self.kind.doing()))
            }
        }
    }
}

/// Wakes the window when a job ends; none before the window exists.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Starts jobs and keeps the list of those running, for the notifications panel.
#[derive(Clone)]
pub struct Jobs {
    waker: Waker,
    running: Arc<Mutex<Vec<(JobKind, Instant)>>>,
}

impl Jobs {
    pub fn new(waker: Waker) -> Self {
        Jobs {
            waker,
            running: Arc::default(),
        }
    }

    /// Jobs that run before the window exists wake nobody.
    pub fn without_window() -> Self {
        Self::new(Arc::new(|| {}))
    }

    /// Runs `work` on a thread of its own.
    pub fn start<T: Send + 'static>(
        &self,
        kind: JobKind,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Job<T> {
        self.start_fallible(kind, move || Ok(work()))
    }

    /// Runs `work`, which may fail with a reason, on a thread of its own.
    pub fn start_fallible<T: Send + 'static>(
        &self,
        kind: JobKind,
        work: impl FnOnce() -> Result<T, String> + Send + 'static,
    ) -> Job<T> {
        let (send, result) = channel();
        let started = Instant::now();
        let waker = Arc::clone(&self.waker);
        let running = Arc::clone(&self.running);
        lock(&running).push((kind, started));
        let finished = Arc::clone(&running);
        let spawned = std::thread::Builder::new()
            .name(kind.thread_name().to_owned())
            .spawn(move || {
                // Off the list and the window woken even if `work` panics.
                let listed = Listed {
                    running: finished,
                    job: (kind, started),
                    waker,
                };
                let value = work();
                // Off the list before the result is there, so whoever takes
                // the result sees the job gone; the window is woken after.
                lock(&listed.running).retain(|job| *job != listed.job);
                // The window may have closed meanwhile; then nobody is waiting.
                let _ = send.send(value);
                drop(listed);
            });
        if let Err(error) = spawned {
            lock(&running).retain(|job| *job != (kind, started));
            let (send, failed) = channel();
            let _ = send.send(Err(format!("{} could not start ({error})", kind.doing())));
            return Job {
                kind,
                started,
                result: Source::Thread(failed),
            };
        }
        Job {
            kind,
            started,
            result: Source::Thread(result),
        }
    }

    /// Starts a thread that lives as long as its owner (the saving thread),
    /// or says why it could not start.
    pub fn start_worker(
        kind: JobKind,
        work: impl FnOnce() + Send + 'static,
    ) -> Result<std::thread::JoinHandle<()>, String> {
        std::thread::Builder::new()
            .name(kind.thread_name().to_owned())
            .spawn(work)
            .map_err(|error| format!("{} could not start ({error})", kind.doing().to_lowercase()))
    }

    /// What is running now, oldest first.
    pub fn running(&self) -> Vec<(JobKind, Instant)> {
        lock(&self.running).clone()
    }
}

/// A running job's place on the list; leaving it (at the end, or in a
/// panic) takes the job off and wakes the window.
struct Listed {
    running: Arc<Mutex<Vec<(JobKind, Instant)>>>,
    job: (JobKind, Instant),
    waker: Waker,
}

impl Drop for Listed {
    fn drop(&mut self) {
        lock(&self.running).retain(|job| *job != self.job);
        (self.waker)();
    }
}

/// The list stays usable even if a job panicked while holding it.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_job_wakes_the_window_and_hands_over_its_result() {
        let woken = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&woken);
        let jobs = Jobs::new(Arc::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        }));
        let job = jobs.start(JobKind::ChooseFile, || 42);
        assert_eq!(job.wait(Duration::from_secs(5)), JobState::Done(42));
        assert_eq!(job.kind(), JobKind::ChooseFile);
        // The waker runs right after the result is sent.
        for _ in 0..100 {
            if woken.load(Ordering::SeqCst) == 1 {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(woken.load(Ordering::SeqCst), 1);
        assert!(jobs.running().is_empty());
    }

    #[test]
    fn a_running_job_is_listed_until_it_ends() {
        let jobs = Jobs::without_window();
        let (go, wait) = channel::<()>();
        let job = jobs.start(JobKind::Print, move || wait.recv().is_ok());
        assert_eq!(job.poll(), JobState::Running);
        assert_eq!(jobs.running().len(), 1);
        assert_eq!(jobs.running()[0].0, JobKind::Print);
        go.send(()).expect("the job waits");
        assert_eq!(job.wait(Duration::from_secs(5)), JobState::Done(true));
        assert!(jobs.running().is_empty());
    }

    #[test]
    fn a_job_that_dies_says_so() {
        let jobs = Jobs::without_window();
        let job: Job<()> = jobs.start(JobKind::ExportSummary, || panic!("render failed"));
        match job.wait(Duration::from_secs(5)) {
            JobState::Failed(reason) => assert!(reason.contains("Saving the summary"), "{reason}"),
            other => panic!("expected a failure, got {other:?}"),
        }
    }
}
