//! The serialized `tools/list` answers of the lean path, kept per tool selection.
//!
//! A `tools/list` answer depends only on which tools the request may see (on `/mcp` the toolsets, `readonly` and a
//! token's scopes; on `/mcp/docs` nothing) and on the protocol version, never on the request's other content. So
//! the `result` object is serialized once per distinct set of tools and later answers only splice the request's id
//! in front of those bytes, which makes a `tools/list` cost about what a `ping` does. The key is the set of tools
//! itself (computed per request by the handler, see [`ToolsListKey`]), not the inputs that led to it, so a new
//! way of narrowing the list cannot be forgotten in the key, and tokens with different scopes that see the same
//! tools share one entry.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::http::request::Parts;
use rmcp::model::{ProtocolVersion, RequestId};

/// At most this many answers are kept; past it, answers are still correct, only serialized per request.
const MAX_ENTRIES: usize = 64;

/// What a handler says about the `tools/list` answer a request would get.
pub trait ToolsListKey {
    /// A value naming exactly the tools this request's `tools/list` answer shows (equal keys, equal answers), or
    /// `None` when the answer must be built afresh (e.g. the request is refused).
    fn tools_list_key(&self, parts: &Parts) -> Option<Vec<u8>>;
}

/// The cache of one endpoint.
#[derive(Default)]
pub struct ToolsListCache {
    /// Keyed by the protocol version's name, a NUL, then the handler's key.
    answers: RwLock<HashMap<Vec<u8>, Arc<[u8]>>>,
}

impl ToolsListCache {
    /// The key under which the answer for `version` and the handler's `key` is kept.
    pub fn key(version: &ProtocolVersion, key: &[u8]) -> Vec<u8> {
        let version = version.as_str().as_bytes();
        let mut full = Vec::with_capacity(version.len() + 1 + key.len());
        full.extend_from_slice(version);
        full.push(0);
        full.extend_from_slice(key);
        full
    }

    /// The serialized `result` kept under `key` (from [`Self::key`]).
    pub fn get(&self, key: &[u8]) -> Option<Arc<[u8]>> {
        self.answers.read().ok()?.get(key).cloned()
    }

    /// Keeps `result` (a serialized `tools/list` result) under `key`, unless the cache is full.
    pub fn put(&self, key: Vec<u8>, result: Arc<[u8]>) {
        if let Ok(mut answers) = self.answers.write()
            && answers.len() < MAX_ENTRIES
        {
            answers.insert(key, result);
        }
    }
}

/// The JSON-RPC response carrying `result` (already serialized) for request `id`: the bytes serde writes for
/// `ServerJsonRpcMessage::response(result, id)`.
pub fn response_bytes(id: &RequestId, result: &[u8]) -> Result<Vec<u8>, serde_json::Error> {
    let mut body = Vec::with_capacity(result.len() + 48);
    body.extend_from_slice(br#"{"jsonrpc":"2.0","id":"#);
    serde_json::to_writer(&mut body, id)?;
    body.extend_from_slice(br#","result":"#);
    body.extend_from_slice(result);
    body.push(b'}');
    Ok(body)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use rmcp::model::{ListToolsResult, ServerJsonRpcMessage, ServerResult, Tool};

    fn result() -> ServerResult {
        let schema = serde_json::json!({"type": "object", "properties": {"q": {"type": "string"}}});
        let tool = Tool::new(
            "t",
            "a \"quoted\" tool",
            schema.as_object().unwrap().clone(),
        );
        ServerResult::ListToolsResult(ListToolsResult::with_all_items(vec![tool]))
    }

    #[test]
    fn the_spliced_answer_is_what_serde_writes() {
        for id in [RequestId::Number(7), RequestId::String("a \"b\" é".into())] {
            let result = result();
            let cached = serde_json::to_vec(&result).unwrap();
            let expected =
                serde_json::to_vec(&ServerJsonRpcMessage::response(result, id.clone())).unwrap();
            assert_eq!(response_bytes(&id, &cached).unwrap(), expected);
        }
    }

    #[test]
    fn keys_and_versions_are_kept_apart_and_the_cache_is_bounded() {
        let cache = ToolsListCache::default();
        let k1 = ToolsListCache::key(&ProtocolVersion::V_2025_11_25, &[1]);
        let k2 = ToolsListCache::key(&ProtocolVersion::V_2025_03_26, &[1]);
        cache.put(k1.clone(), Arc::from(&b"one"[..]));
        cache.put(k2.clone(), Arc::from(&b"two"[..]));
        assert_eq!(&*cache.get(&k1).unwrap(), b"one");
        assert_eq!(&*cache.get(&k2).unwrap(), b"two");
        assert!(
            cache
                .get(&ToolsListCache::key(&ProtocolVersion::V_2025_11_25, &[2]))
                .is_none()
        );
        for i in 0..200u8 {
            cache.put(vec![9, i], Arc::from(&b"x"[..]));
        }
        assert_eq!(cache.answers.read().unwrap().len(), MAX_ENTRIES);
    }
}
