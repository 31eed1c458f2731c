//! Pieces every subcommand that reads guides or writes a document shares,
//! and the one way they print: [`Terminal`], which shows control characters
//! and bidirectional overrides visibly (see [`crate::plain_text::escape_hidden`])
//! so that no name, answer or guide text can drive the terminal.

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};

use crate::guide::{Guide, GuideLibrary, LoadedGuide};

/// The guide with this id, or an error that lists the available ones.
pub fn find_guide<'l>(library: &'l GuideLibrary, id: &str) -> anyhow::Result<&'l Arc<Guide>> {
    find_loaded(library, id).map(|loaded| &loaded.guide)
}

/// The guide with this id and where it came from, or an error that lists the available ones.
pub fn find_loaded<'l>(library: &'l GuideLibrary, id: &str) -> anyhow::Result<&'l LoadedGuide> {
    if let Some(loaded) = library.find(id) {
        Ok(loaded)
    } else {
        let known: Vec<&str> = library
            .guides()
            .iter()
            .map(|g| g.guide.id.as_str())
            .collect();
        bail!(
            "no guide with id \"{id}\"; available guides: {}",
            known.join(", ")
        )
    }
}

/// Writes a document to `out` (a file, or a folder that gets `default_name`)
/// durably, or to standard output when `out` is None. A target inside the
/// data folder `data_dir` is refused ([`crate::store::refuse_export_target`]).
pub fn write_document(
    out: Option<&Path>,
    data_dir: Option<&Path>,
    default_name: impl FnOnce() -> String,
    bytes: &[u8],
) -> anyhow::Result<()> {
    if let Some(out) = out {
        let path = if out.is_dir() {
            out.join(default_name())
        } else {
            out.to_path_buf()
        };
        if let Some(data_dir) = data_dir {
            crate::store::refuse_export_target(data_dir, &path)?;
        }
        crate::store::atomic::write(&path, bytes)
            .with_context(|| format!("could not write {}", path.display()))?;
        eprintln!("wrote {}", path.display());
    } else {
        let mut stdout = stdout();
        match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            Ok(()) => {}
            // A reader that stops early (`| head`) is not an error.
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
            Err(error) => return Err(error).context("could not write to standard output"),
        }
    }
    Ok(())
}

/// A terminal stream that writes every hidden character visibly as `\uXXXX`.
/// JSON printed through it still reads back the same.
pub struct Terminal<W: Write> {
    inner: W,
}

impl<W: Write> Write for Terminal<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Formatted output arrives in whole pieces of text; invalid UTF-8 (never
        // written by the commands) is shown as replacement marks.
        let text = String::from_utf8_lossy(buf);
        self.inner
            .write_all(crate::plain_text::escape_hidden(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Standard output, locked, through [`Terminal`].
pub fn stdout() -> Terminal<io::StdoutLock<'static>> {
    Terminal {
        inner: io::stdout().lock(),
    }
}

/// Standard error, locked, through [`Terminal`].
pub fn stderr() -> Terminal<io::StderrLock<'static>> {
    Terminal {
        inner: io::stderr().lock(),
    }
}

/// Prints one line on standard output through [`Terminal`]. A reader that
/// stops early (`| head`) is not an error worth a panic, so failures are ignored.
pub fn print_line(args: std::fmt::Arguments<'_>) {
    let _ = writeln!(stdout(), "{args}");
}

/// Prints one line on standard error through [`Terminal`].
pub fn eprint_line(args: std::fmt::Arguments<'_>) {
    let _ = writeln!(stderr(), "{args}");
}

/// `println!` through [`Terminal`].
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::output::print_line(format_args!($($arg)*))
    };
}

/// `eprintln!` through [`Terminal`].
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::output::eprint_line(format_args!($($arg)*))
    };
}

pub(crate) use {errln, outln};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_shows_hidden_characters_and_counts_every_byte() {
        let mut shown = Terminal { inner: Vec::new() };
        let text = "x\u{1b}[31m\u{202e}y\n";
        assert_eq!(shown.write(text.as_bytes()).unwrap(), text.len());
        assert_eq!(
            String::from_utf8(shown.inner).unwrap(),
            "x\\u001b[31m\\u202ey\n"
        );
    }
}
