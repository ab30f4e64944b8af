"use strict";
// The front page's only script: the docs search box (one JSON-RPC call to this server's
// /mcp/docs, same origin) and the copy buttons. Everything else works without it.
(function () {
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var hits = document.getElementById("search-hits");
  var latest = 0;

  function say(text) {
    status.textContent = text;
  }

  // Only web links become hrefs; anything else in an answer stays text.
  function webUrl(text) {
    try {
      var url = new URL(text, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // Snippets mark matched words with **; shown as <mark>, never parsed as HTML.
  function appendSnippet(parent, snippet) {
    snippet.split("**").forEach(function (part, i) {
      if (!part) return;
      if (i % 2 === 1) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function showHits(results) {
    results.forEach(function (hit) {
      var item = document.createElement("li");
      var target = hit.url || "";
      if (hit.anchor && target.indexOf("#") < 0) target += "#" + hit.anchor;
      var href = webUrl(target);
      var title = document.createElement(href ? "a" : "span");
      if (href) {
        title.href = href;
        title.rel = "noopener noreferrer";
        title.className = "hit";
      }
      title.textContent = (hit.title || hit.path) + (hit.section ? " › " + hit.section : "");
      item.appendChild(title);
      var path = document.createElement("code");
      path.className = "path";
      path.textContent = hit.path;
      item.appendChild(path);
      if (hit.snippet) {
        var text = document.createElement("p");
        appendSnippet(text, hit.snippet);
        item.appendChild(text);
      }
      hits.appendChild(item);
    });
  }

  function refusal(status) {
    if (status === 403) {
      return "This server refused the request (403): open this page at the server's own address " +
        "(its PUBLIC_URL or localhost), or add this page's origin to ALLOWED_ORIGINS.";
    }
    if (status === 429 || status === 503) return "The server is busy (" + status + "); try again in a moment.";
    return "The search failed with HTTP " + status + ".";
  }

  function search(query) {
    var id = ++latest;
    hits.replaceChildren();
    say("Searching…");
    fetch("/mcp/docs", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json, text/event-stream" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: id,
        method: "tools/call",
        params: { name: "docs_search", arguments: { query: query, limit: 10 } }
      })
    }).then(function (response) {
      if (!response.ok) throw new Error(refusal(response.status));
      return response.json();
    }).then(function (body) {
      if (id !== latest) return;
      if (body.error) throw new Error(body.error.message || "The server answered with an error.");
      var result = body.result || {};
      if (result.isError) {
        var first = (result.content || [])[0];
        throw new Error(first && first.text ? first.text : "The search failed.");
      }
      var results = (result.structuredContent && result.structuredContent.results) || [];
      if (results.length === 0) {
        say("No page matches “" + query + "”. Try other words.");
        return;
      }
      say(results.length + (results.length === 1 ? " page" : " pages") + " found for “" + query + "”.");
      showHits(results);
    }).catch(function (error) {
      if (id !== latest) return;
      say(error && error.message ? error.message : "The server did not answer.");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    if (query) search(query);
    else say("Type a few words first.");
  });

  // A query in the address (?q=...) runs at once, so a search can be linked to.
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial && initial.trim()) {
    input.value = initial;
    search(initial.trim());
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function flash(button, text) {
    var label = button.getAttribute("aria-label");
    button.textContent = text;
    button.setAttribute("aria-label", text);
    window.setTimeout(function () {
      button.textContent = "Copy";
      if (label) button.setAttribute("aria-label", label);
    }, 2000);
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent;
      // The clipboard API exists only on secure origins (https, localhost).
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { flash(button, "Copied"); }, function () {
          selectText(source);
          flash(button, "Press Ctrl+C");
        });
      } else {
        selectText(source);
        flash(button, "Press Ctrl+C");
      }
    });
  });
})();
