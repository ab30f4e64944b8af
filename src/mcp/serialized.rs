//! A way for a tool handler on the lean path to hand back its `tools/call` result already serialized.
//!
//! The lean path puts an empty [`SerializedResult`] in the request's extensions before calling the handler; a
//! handler that can write its result's bytes directly (the platform's list tools, see
//! `platform::raw_list`) leaves them there and returns a placeholder result, and the lean path sends those
//! bytes instead of serializing the placeholder. rmcp's own service never adds the slot, so there the handler
//! always returns its typed result.

use std::sync::{Arc, Mutex};

/// The slot; cloning it shares it.
#[derive(Clone, Default)]
pub struct SerializedResult(Arc<Mutex<Option<Vec<u8>>>>);

impl SerializedResult {
    /// Leaves the serialized `CallToolResult` (what serde writes for it to a client of a protocol version the
    /// lean path serves).
    pub fn put(&self, result: Vec<u8>) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(result);
        }
    }

    /// The bytes a handler left, if any.
    pub fn take(&self) -> Option<Vec<u8>> {
        self.0.lock().ok()?.take()
    }
}
