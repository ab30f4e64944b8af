//! MCP protocol versions both endpoints speak (SPEC §2): the three 2025 revisions with an
//! `initialize` handshake, plus 2026-07-28 (`server/discover`, no handshake). An
//! `initialize` naming anything else, such as 2024-11-05, is answered with 2025-11-25.

use std::borrow::Cow;

use rmcp::model::ProtocolVersion;

pub static SUPPORTED: [ProtocolVersion; 4] = [
    ProtocolVersion::V_2025_03_26,
    ProtocolVersion::V_2025_06_18,
    ProtocolVersion::V_2025_11_25,
    ProtocolVersion::V_2026_07_28,
];

/// For `ServerHandler::supported_protocol_versions`.
pub fn supported() -> Cow<'static, [ProtocolVersion]> {
    Cow::Borrowed(&SUPPORTED)
}
