/*
 * Search input fixes for Chinese readers (Material for MkDocs search box).
 *
 * 1. Full-width input: ｂａｏｔｏｕ, 「包头市」 or （包头市） are shown and searched as baotou,
 *    包头市, (包头市): the query is NFKC-normalised (full-width letters and digits become ASCII)
 *    and CJK punctuation is removed (quotes, 「」《》【】) or turned into a space (、。).
 * 2. Material re-reads the query on keyup only; text committed by an input method or pasted
 *    fires no keyup, so after every input event a keyup is dispatched.
 * 3. The search worker (search-worker.js) shows the best results and says how many pages match
 *    in all; the count line then reads "N 个符合条件的结果（显示前 M 个）".
 * 4. The search dialog gets an accessible name (axe: aria-dialog-name).
 */
(function () {
  "use strict";
  // After NFKC, full-width ASCII (ｂａｏｔｏｕ, （）, ，) is ASCII; Material splits on ( ) , : ! itself.
  var DROP = /[“”‘’「」『』《》〈〉【】〔〕〖〗]/g;
  var SPACE = /[、。…～]+/g;
  var SEARCH_QUERY = 2, SEARCH_RESULT = 3; // Material's SearchMessageType

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

  // Results reach the page as { type: 3, data: { items, total } }; Material writes the count
  // line first (listeners run in the order added), then this corrects it.
  if (typeof Worker !== "undefined" && !Worker.prototype.__digestSearchPatched) {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      if (message && message.type === SEARCH_QUERY && !this.__digestSearchCount) {
        this.__digestSearchCount = true;
        this.addEventListener("message", showTotal);
      }
      return post.apply(this, arguments);
    };
    Worker.prototype.__digestSearchPatched = true;
  }

  function showTotal(event) {
    var data = event.data && event.data.type === SEARCH_RESULT ? event.data.data : null;
    if (!data || !(data.total > data.items.length)) return;
    var meta = document.querySelector(".md-search-result__meta");
    var config = document.getElementById("__config");
    if (!meta || !config) return;
    var other = JSON.parse(config.textContent).translations["search.result.other"];
    meta.textContent = other.replace("#", data.total.toLocaleString("zh-CN")) + "（显示前 " + data.items.length + " 个）";
  }

  var input = document.querySelector("[data-md-component=search-query]");
  if (input) fixInput(input);

  // Material's search dialog has role="dialog" but no accessible name; name it after its input.
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "搜索");
  }
})();
