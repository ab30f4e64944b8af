//! A quicker way to read the three requests that make up nearly all MCP traffic (`ping`, `tools/list`,
//! `tools/call`) into rmcp's own types, with the same result as rmcp's parser.
//!
//! rmcp reads a `ClientJsonRpcMessage` by buffering the body, checking its shape, then trying each of the 22
//! kinds of client request in turn (an untagged enum): every kind before the right one fails and builds an error
//! message on the way. That was about 30,000 instructions of a `ping`'s 81,000 (callgrind). Here the body's keys
//! and `method` are read first, and the body is then read once as the one request type that `method` names.
//! Each typed request accepts only its own `method`, so when that read succeeds rmcp's would have picked the
//! same variant with the same content; when anything is unusual (another method, a shape rmcp would refuse, a
//! typed read that fails) the caller falls back to rmcp's parser, so its answers stay the reference.

use rmcp::model::{
    CallToolRequest, ClientJsonRpcMessage, ClientRequest, JsonRpcMessage, JsonRpcRequest,
    ListToolsRequest, PingRequest,
};
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The keys rmcp's shape check looks at, and the method's name.
#[derive(Default)]
struct Shape {
    method: Option<String>,
    id: bool,
    result: bool,
    error: bool,
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapeVisitor;
        impl<'de> Visitor<'de> for ShapeVisitor {
            type Value = Shape;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON-RPC 2.0 message")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
                let mut shape = Shape::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        // A second `method` is left to rmcp (its typed read refuses duplicates).
                        "method" if shape.method.is_none() => {
                            shape.method = Some(map.next_value::<String>()?);
                            continue;
                        }
                        "method" => return Err(serde::de::Error::custom("duplicate method")),
                        "id" => shape.id = true,
                        "result" => shape.result = true,
                        "error" => shape.error = true,
                        _ => {}
                    }
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(shape)
            }
        }
        deserializer.deserialize_map(ShapeVisitor)
    }
}

/// The message, when it is a `ping`, `tools/list` or `tools/call` request read exactly as rmcp reads it;
/// `None` means "ask rmcp's parser".
pub fn parse(bytes: &[u8]) -> Option<ClientJsonRpcMessage> {
    let shape: Shape = serde_json::from_slice(bytes).ok()?;
    // rmcp's shape rule for a request: `method` and `id`, neither `result` nor `error`.
    if !shape.id || shape.result || shape.error {
        return None;
    }
    match shape.method.as_deref()? {
        "ping" => typed::<PingRequest>(bytes, ClientRequest::PingRequest),
        "tools/list" => typed::<ListToolsRequest>(bytes, ClientRequest::ListToolsRequest),
        "tools/call" => typed::<CallToolRequest>(bytes, ClientRequest::CallToolRequest),
        _ => None,
    }
}

fn typed<R: DeserializeOwned>(
    bytes: &[u8],
    wrap: fn(R) -> ClientRequest,
) -> Option<ClientJsonRpcMessage> {
    let JsonRpcRequest {
        jsonrpc,
        id,
        request,
    } = serde_json::from_slice::<JsonRpcRequest<R>>(bytes).ok()?;
    Some(JsonRpcMessage::Request(JsonRpcRequest {
        jsonrpc,
        id,
        request: wrap(request),
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// What rmcp's parser makes of `text`, written back as JSON (the typed values have no `PartialEq`).
    fn reference(text: &str) -> Option<serde_json::Value> {
        serde_json::from_str::<ClientJsonRpcMessage>(text)
            .ok()
            .map(|m| serde_json::to_value(m).unwrap())
    }

    #[test]
    fn the_quick_read_agrees_with_rmcp() {
        for text in [
            r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
            r#"{"jsonrpc":"2.0","id":"s-1","method":"ping","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"_meta":{"progressToken":3}}}"#,
            r#"{"method":"tools/list","jsonrpc":"2.0","id":2}"#,
            r#"{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"cursor":"abc"}}"#,
            r#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"docs_search","arguments":{"query":"x","limit":3,"f":1.5}}}"#,
            r#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"a","_meta":{"progressToken":"t","io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}"#,
            r#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"a","arguments":{}},"extra":[1,2]}"#,
        ] {
            let quick = parse(text.as_bytes()).map(|m| serde_json::to_value(m).unwrap());
            assert!(quick.is_some(), "{text}");
            assert_eq!(quick, reference(text), "{text}");
        }
    }

    #[test]
    fn anything_unusual_is_left_to_rmcp() {
        for text in [
            r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"ping","result":{}}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"ping","method":"ping"}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"arguments":{}}}"#,
            r#"{"jsonrpc":"1.0","id":1,"method":"ping"}"#,
            r#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":7}"#,
            r#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#,
            "not json",
        ] {
            assert!(parse(text.as_bytes()).is_none(), "{text}");
        }
    }
}
