//! Router-level tests of the sandbox.
