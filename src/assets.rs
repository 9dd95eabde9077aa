//! The data folders (`intents/`, `locales/`, `plan.toml`) as the binary sees them.
//!
//! Every folder is embedded at build time so a bare binary works on a fresh machine; an
//! operator can point a flag at a folder on disk instead, and the same loaders read it.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use thiserror::Error;

static INTENTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/intents");
static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");
static PLAN: &str = include_str!("../plan.toml");

/// Where a data folder comes from: the copy built into the binary, or a folder on disk.
#[derive(Debug, Clone, Default)]
pub enum Source {
    /// The folder as it was when the binary was built.
    #[default]
    Embedded,
    /// A folder on disk with the same layout (set by a command-line flag).
    Dir(PathBuf),
}

/// One text file of a data folder, named by its path relative to that folder.
#[derive(Debug, Clone)]
pub struct TextFile {
    pub path: String,
    pub contents: String,
}

#[derive(Debug, Error)]
pub enum AssetError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not UTF-8 text")]
    NotText { path: String },
}

/// Which embedded folder a [`Source::Embedded`] refers to.
#[derive(Debug, Clone, Copy)]
pub enum Folder {
    Intents,
    Locales,
}

/// Every file directly inside `sub` (e.g. `"en-US"`) of the folder, sorted by name.
pub fn files_in(folder: Folder, source: &Source, sub: &str) -> Result<Vec<TextFile>, AssetError> {
    let mut files = match source {
        Source::Embedded => embedded_files(folder, sub)?,
        Source::Dir(root) => disk_files(&root.join(sub), sub)?,
    };
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The plan profile text: the embedded `plan.toml` or the file at `path`.
pub fn plan_text(path: Option<&Path>) -> Result<String, AssetError> {
    match path {
        None => Ok(PLAN.to_owned()),
        Some(p) => std::fs::read_to_string(p).map_err(|source| AssetError::Io {
            path: p.to_owned(),
            source,
        }),
    }
}

fn embedded(folder: Folder) -> &'static Dir<'static> {
    match folder {
        Folder::Intents => &INTENTS,
        Folder::Locales => &LOCALES,
    }
}

fn embedded_files(folder: Folder, sub: &str) -> Result<Vec<TextFile>, AssetError> {
    let Some(dir) = embedded(folder).get_dir(sub) else {
        return Ok(Vec::new());
    };
    dir.files()
        .map(|f| {
            let path = f.path().to_string_lossy().into_owned();
            match f.contents_utf8() {
                Some(text) => Ok(TextFile {
                    path,
                    contents: text.to_owned(),
                }),
                None => Err(AssetError::NotText { path }),
            }
        })
        .collect()
}

fn disk_files(dir: &Path, sub: &str) -> Result<Vec<TextFile>, AssetError> {
    let io = |source| AssetError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let contents = std::fs::read_to_string(&path).map_err(|source| AssetError::Io {
            path: path.clone(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        out.push(TextFile {
            path: format!("{sub}/{name}"),
            contents,
        });
    }
    Ok(out)
}
