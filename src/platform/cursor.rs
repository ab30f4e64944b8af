//! The opaque `cursor` of a paged list tool: the offset of the next item, bound to the
//! tool and the arguments of the call that produced it, so that a cursor pasted into
//! another call is refused instead of silently paging a different list. The server keeps
//! no state (replicas behind a load balancer must all accept it), so everything is in
//! the token: `base64url("v1.<offset>.<binding>")`, where the binding is a short SHA-256
//! of the tool name and its arguments (without `limit`, `cursor` and `fields`, which may
//! change from page to page).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rmcp::model::JsonObject;
use sha2::{Digest, Sha256};

/// Why a cursor cannot be used; the text is shown to the model as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CursorError {
    #[error(
        "`cursor` is not a cursor this server issued; pass the `nextCursor` of the previous answer unchanged, or omit `cursor` to start from the first page"
    )]
    Malformed,
    #[error(
        "`cursor` belongs to a different call (another tool or other arguments); repeat the call with the same arguments as the one that returned it, or omit `cursor` to start from the first page"
    )]
    OtherCall,
}

/// What a cursor is bound to: the tool and the arguments that select the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Binding([u8; 6]);

impl Binding {
    /// `args` must already be stripped of the paging options. A `serde_json::Map` keeps
    /// its keys sorted, so the same arguments in another order give the same binding.
    pub fn of(tool: &str, args: &JsonObject) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(tool.as_bytes());
        hasher.update([0]);
        // The bytes `Value::Object(args).to_string()` gives, without copying the arguments first.
        hasher.update(serde_json::to_vec(args).unwrap_or_default());
        let digest = hasher.finalize();
        let mut short = [0u8; 6];
        for (slot, byte) in short.iter_mut().zip(digest.iter()) {
            *slot = *byte;
        }
        Self(short)
    }

    fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The cursor that resumes at `offset`.
pub fn encode(offset: usize, binding: Binding) -> String {
    URL_SAFE_NO_PAD.encode(format!("v1.{offset}.{}", binding.hex()))
}

/// The offset a cursor resumes at, if it was issued for this binding.
pub fn decode(cursor: &str, binding: Binding) -> Result<usize, CursorError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor.trim())
        .map_err(|_| CursorError::Malformed)?;
    let text = String::from_utf8(bytes).map_err(|_| CursorError::Malformed)?;
    let mut parts = text.split('.');
    let (Some("v1"), Some(offset), Some(bound), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(CursorError::Malformed);
    };
    let offset: usize = offset.parse().map_err(|_| CursorError::Malformed)?;
    if bound != binding.hex() {
        return Err(CursorError::OtherCall);
    }
    Ok(offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn args(value: serde_json::Value) -> JsonObject {
        match value {
            serde_json::Value::Object(map) => map,
            _ => JsonObject::new(),
        }
    }

    #[test]
    fn a_cursor_round_trips_for_the_same_call() {
        let b = Binding::of("apps_list", &args(json!({"projectId": "p1"})));
        assert_eq!(decode(&encode(50, b), b), Ok(50));
    }

    #[test]
    fn a_cursor_from_another_call_is_refused() {
        let a = Binding::of("apps_list", &args(json!({"projectId": "p1"})));
        let other_args = Binding::of("apps_list", &args(json!({"projectId": "p2"})));
        let other_tool = Binding::of("sites_list", &args(json!({"projectId": "p1"})));
        assert_eq!(
            decode(&encode(50, a), other_args),
            Err(CursorError::OtherCall)
        );
        assert_eq!(
            decode(&encode(50, a), other_tool),
            Err(CursorError::OtherCall)
        );
    }

    #[test]
    fn cursors_of_earlier_releases_still_fit_the_binding() {
        let a = args(json!({"projectId": "p1", "n": 3, "x": {"b": [1, "é\n"]}}));
        let mut hasher = Sha256::new();
        hasher.update(b"apps_list\0");
        hasher.update(serde_json::Value::Object(a.clone()).to_string().as_bytes());
        let digest = hasher.finalize();
        assert_eq!(
            Some(Binding::of("apps_list", &a).0.as_slice()),
            digest.get(..6)
        );
    }

    #[test]
    fn garbage_is_malformed() {
        let b = Binding::of("apps_list", &JsonObject::new());
        for bad in ["", "!!!", "djEuYWJj", &URL_SAFE_NO_PAD.encode("v1.x.abc")] {
            assert_eq!(decode(bad, b), Err(CursorError::Malformed), "{bad}");
        }
    }
}
