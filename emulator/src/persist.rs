//! The `--data` file: the whole state as JSON, replaced atomically so a crash never leaves half a file.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::snapshot::Snapshot;

/// Writes to a temporary file beside the target, syncs it, then renames it over the target: a reader
/// (or a restart after a crash) sees the old file or the new one, never a mix.
pub fn write_atomically(path: &Path, snapshot: &Snapshot) -> io::Result<()> {
    let temporary = temporary_path(path);
    let mut file = File::create(&temporary)?;
    serde_json::to_writer(&mut file, snapshot)?;
    file.flush()?;
    file.sync_all()?;
    drop(file);
    fs::rename(&temporary, path)
}

/// Reads a data file, or `None` when there is none yet.
pub fn read(path: &Path) -> io::Result<Option<Snapshot>> {
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{}: {e}", path.display()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.tmp", std::process::id()));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("keys-emulator-persist-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        assert_eq!(read(&path).unwrap(), None);
        let snapshot = Snapshot { clock_offset_ms: 42, ..Snapshot::default() };
        write_atomically(&path, &snapshot).unwrap();
        assert_eq!(read(&path).unwrap(), Some(snapshot));
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }
}
