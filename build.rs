//! Rebuilds the binary when any file under `content/` changes: the docs are embedded
//! with `include_dir!`, which on stable Rust cannot tell Cargo about new files itself.

fn main() {
    println!("cargo:rerun-if-changed=content");
}
