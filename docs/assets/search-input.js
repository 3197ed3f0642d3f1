/*
 * Search input fixes for Chinese readers (Material for MkDocs, zh search).
 *
 * 1. Full-width input: Material searches the query exactly as typed, so ｂａｏｔｏｕ, 「包头市」
 *    or （包头市） found nothing. The query is NFKC-normalised (full-width letters and digits
 *    become ASCII) and CJK punctuation is removed (quotes, 「」《》【】) or turned into a space
 *    (、。) before Material reads it.
 * 2. Material re-reads the query on keyup only; text committed by an input method or pasted
 *    fires no keyup, so after every input event a keyup is dispatched.
 * 3. Material's Chinese query segmenter never takes a word that ends at the last character of
 *    the query (包头市 is searched as 包头*, 揭榜挂帅 as 揭榜* 挂*). Queries sent to the search
 *    worker get the last character of each run of Han characters repeated, so the whole name is
 *    considered (包头市 is searched as 包头市*). The input the reader sees is not changed.
 * 4. The search dialog gets an accessible name (axe: aria-dialog-name).
 */
(function () {
  "use strict";
  // After NFKC, full-width ASCII (ｂａｏｔｏｕ, （）, ，) is ASCII; Material splits on ( ) , : ! itself.
  var DROP = /[“”‘’「」『』《》〈〉【】〔〕〖〗]/g;
  var SPACE = /[、。…～]+/g;
  var SEARCH_QUERY = 2; // Material's SearchMessageType.QUERY

  function normalize(value) {
    var text = value.normalize ? value.normalize("NFKC") : value;
    return text.replace(DROP, "").replace(SPACE, " ").replace(/\s{2,}/g, " ").replace(/^\s+/, "");
  }

  function fixInput(input) {
    var composing = false;
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () {
      composing = false;
      rewrite();
    });
    // Capture phase: runs before Material's own listeners see the value.
    input.addEventListener("input", function (event) {
      if (composing || event.isComposing) return;
      rewrite();
    }, true);
    // Bubble phase: tell Material that the value changed (it listens to keyup).
    input.addEventListener("input", function (event) {
      if (composing || event.isComposing) return;
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });

    function rewrite() {
      var value = input.value;
      var next = normalize(value);
      if (next === value) return;
      var caret = input.selectionEnd == null ? value.length : input.selectionEnd;
      var before = normalize(value.slice(0, caret)).length;
      input.value = next;
      try { input.setSelectionRange(before, before); } catch (e) { /* not focusable */ }
    }
  }

  // Queries reach the worker as { type: 2, data: "..." }.
  if (typeof Worker !== "undefined" && !Worker.prototype.__digestSearchFix) {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
        var query = normalize(message.data).replace(/\p{sc=Han}+/gu, function (run) {
          return run + run.slice(-1);
        });
        arguments[0] = { type: message.type, data: query };
      }
      return post.apply(this, arguments);
    };
    Worker.prototype.__digestSearchFix = true;
  }

  var input = document.querySelector("[data-md-component=search-query]");
  if (input) fixInput(input);

  // Material's search dialog has role="dialog" but no accessible name; name it after its input.
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "搜索");
  }
})();
