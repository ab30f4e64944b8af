//! Binary entry point: parse config, start the server.

fn main() {}
