//! The layers only look down (DESIGN.md, ARCHITECTURE.md): reads every source file and fails
//! on a `crate::…` path into a layer the file may not use, naming the file and the line.

use std::path::{Path, PathBuf};

/// The top-level modules of the crate, and what each may not name.
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "text",
        &[
            "assets", "budget", "cli", "demo", "domain", "report", "service", "store", "ui",
        ],
    ),
    (
        "support_log",
        &[
            "assets", "budget", "cli", "demo", "domain", "report", "service", "store", "text", "ui",
        ],
    ),
    (
        "domain",
        &["budget", "cli", "demo", "report", "service", "store", "ui"],
    ),
    (
        "budget",
        &["cli", "demo", "report", "service", "store", "ui"],
    ),
    ("report", &["cli", "demo", "service", "store", "ui"]),
    ("store", &["cli", "report", "service", "ui"]),
    ("demo", &["cli", "ui"]),
    ("service", &["cli", "ui"]),
    ("ui", &["cli", "demo", "store"]),
    ("cli", &["demo", "store", "ui"]),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to ("ui" for src/ui/app/mod.rs, "cli" for
/// src/cli.rs); None for lib.rs, main.rs and assets.rs.
fn layer_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_string_lossy();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_owned();
    FORBIDDEN
        .iter()
        .any(|(layer, _)| *layer == name)
        .then_some(name)
}

/// Every `crate::X` in `line` outside a comment, as X.
fn crate_paths(line: &str) -> Vec<&str> {
    let code = line.split("//").next().unwrap_or("");
    code.match_indices("crate::")
        .filter(|(at, _)| {
            // `khuyencong::` in doc examples and `$crate::` in macros are not paths of ours.
            !code[..*at].ends_with('$')
        })
        .map(|(at, m)| {
            let rest = &code[at + m.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn layers_only_look_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut violations = Vec::new();
    for file in &files {
        let Some(layer) = layer_of(&src, file) else {
            continue;
        };
        let forbidden = FORBIDDEN
            .iter()
            .find(|(l, _)| *l == layer)
            .map(|(_, f)| *f)
            .unwrap_or_default();
        let text = std::fs::read_to_string(file).expect("source file");
        for (n, line) in text.lines().enumerate() {
            for target in crate_paths(line) {
                if target.is_empty() {
                    violations.push(format!(
                        "{}:{}: write `crate::layer::…`, not `crate::{{…}}`, so the layer is seen: {}",
                        file.strip_prefix(&src).unwrap_or(file).display(),
                        n + 1,
                        line.trim()
                    ));
                } else if forbidden.contains(&target) {
                    violations.push(format!(
                        "{}:{}: `{layer}` may not use `crate::{target}`: {}",
                        file.strip_prefix(&src).unwrap_or(file).display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "layers that look up:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_check_sees_a_forbidden_path() {
    assert_eq!(
        crate_paths("use crate::store::Store; // crate::ui in a comment"),
        ["store"]
    );
    assert_eq!(
        crate_paths("let x = crate::service::reference::Reference::default();"),
        ["service"]
    );
    assert!(crate_paths("/// see crate::store").is_empty());
    assert_eq!(
        layer_of(Path::new("/s/src"), Path::new("/s/src/ui/app/mod.rs")).as_deref(),
        Some("ui")
    );
    assert_eq!(
        layer_of(Path::new("/s/src"), Path::new("/s/src/cli.rs")).as_deref(),
        Some("cli")
    );
    assert_eq!(
        layer_of(Path::new("/s/src"), Path::new("/s/src/lib.rs")),
        None
    );
}
