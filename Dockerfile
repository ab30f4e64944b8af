# Multi-stage build: compile in the Rust image, run from a small Debian base as a
# non-root user. The docs in content/ are compiled into the binary.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY docs-index ./docs-index
COPY src ./src
COPY content ./content
RUN cargo build --release --locked --bin hostless-mcp

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home hostless
COPY --from=build /src/target/release/hostless-mcp /usr/local/bin/hostless-mcp
USER hostless
ENV HOST=0.0.0.0 \
    PORT=3333 \
    LOG_FORMAT=json
EXPOSE 3333
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
ENTRYPOINT ["/usr/local/bin/hostless-mcp"]
