/*
 * Search worker for Material's search box, answering from the build's sharded index.
 *
 * Material's search box talks to a web worker: it sends SETUP, waits for READY, then sends
 * every query as QUERY and renders each RESULT ({ items: [[document]] }) in its own result
 * list. overrides/main.html points the box at this worker instead of Material's, which loads
 * one index of the whole site before the first result. This one fetches search/manifest.json
 * once, then per query only the shards of the characters typed (search/t/, one file per
 * first character or first two letters) and the result files of the pages shown (search/d/).
 * The index and what its terms are: build_digest/searchindex.py.
 *
 * A query is cut like the indexed text: runs of Chinese characters (matched as character
 * pairs, so 高新 is found inside 高新区) and Latin words (matched by prefix: bao finds
 * baotou). Traditional characters are mapped to simplified ones (search/t2s.json, fetched only
 * when a query has a character the index does not hold). Pages where a query word is a whole
 * key (a name, alias, short form or pinyin) come first, then keys that begin with it, then
 * text hits; among equals, the newest article.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's SearchMessageType
var SHOWN = 20; // results with title and snippet; the count of all matches is sent as `total`
var KEY_EXACT = 1000; // score of a whole-key hit, times the page's boost
var KEY_PREFIX = 100; // score of a key that begins with the query word, times the boost
var SNIPPET = 110; // characters of text a result shows
var SNIPPET_LEAD = 24; // characters shown before the first hit
var HAN_FIRST = 0x4e00, HAN_LAST = 0x9fff; // the block the manifest's bitmap covers
var TERMS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

var base = new URL("../search/", self.location.href);
var manifest = null;
var cache = new Map(); // path -> Promise of parsed JSON (null when missing)
var latest = 0;
var queue = Promise.resolve();

function load(path) {
  if (!cache.has(path)) {
    cache.set(path, fetch(new URL(path, base)).then(function (response) {
      return response.ok ? response.json() : null;
    }).catch(function () { return null; }));
  }
  return cache.get(path);
}

function loadManifest() {
  if (!manifest) {
    manifest = load("manifest.json").then(function (data) {
      if (!data) return { han: new Uint8Array(0), hanExtra: "", latin: new Set(), split: {} };
      var raw = atob(data.han), bits = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i++) bits[i] = raw.charCodeAt(i);
      return { han: bits, hanExtra: data.hanExtra, latin: new Set(data.latin), split: data.split || {} };
    });
  }
  return manifest;
}

function isHan(char) {
  return /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(char);
}

function indexed(index, char) {
  var code = char.charCodeAt(0);
  if (code >= HAN_FIRST && code <= HAN_LAST) {
    var bit = code - HAN_FIRST;
    return ((index.han[bit >> 3] || 0) >> (bit & 7)) & 1;
  }
  return index.hanExtra.indexOf(char) >= 0;
}

/* Full-width ASCII to ASCII and A-Z to a-z, one character for one (snippets keep offsets). */
function fold(text) {
  var out = "";
  for (var i = 0; i < text.length; i++) {
    var code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
    else if (code === 0x3000) code = 0x20;
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    out += String.fromCharCode(code);
  }
  return out;
}

function shardOf(term) {
  return isHan(term[0]) ? "u" + term.charCodeAt(0).toString(16).padStart(4, "0") : "a-" + term.slice(0, 2);
}

function hasShard(index, term) {
  return isHan(term[0]) ? indexed(index, term[0]) : index.latin.has(term.slice(0, 2));
}

/* The files a term can be in: its shard, or the part of a split shard its next character picks
   (see split_shard in searchindex.py); a word no longer than the prefix needs the keys too. */
function termFiles(index, term) {
  if (!hasShard(index, term)) return [];
  var name = shardOf(term), parts = index.split[name];
  if (!parts) return [name];
  var prefix = isHan(term[0]) ? 1 : 2;
  if (term.length > prefix) return [name + "-" + (term.charCodeAt(prefix) % parts)];
  return [name + "-k", name + "-0"];
}

/* The query's words, traditional characters mapped to simplified ones the index holds. */
function words(query, index) {
  var tokens = fold(query).match(TERMS) || [];
  var unknown = tokens.some(function (token) {
    return isHan(token[0]) && Array.prototype.some.call(token, function (c) { return !indexed(index, c); });
  });
  var table = unknown ? load("t2s.json") : Promise.resolve(null);
  return table.then(function (t2s) {
    return Array.from(new Set(tokens.map(function (token) {
      if (!t2s || !isHan(token[0])) return token;
      return Array.prototype.map.call(token, function (c) { return indexed(index, c) ? c : (t2s[c] || c); }).join("");
    })));
  });
}

/* The pairs of characters that together cover a Chinese word: 包头稀土 -> 包头, 稀土. */
function cover(word) {
  var pairs = [];
  for (var i = 0; i + 2 <= word.length; i += 2) pairs.push(word.slice(i, i + 2));
  if (word.length % 2 === 1) pairs.push(word.slice(-2));
  return pairs;
}

function filesFor(word, index) {
  var terms = word.length > 1 && isHan(word[0]) ? cover(word) : [word];
  var names = new Set();
  terms.forEach(function (term) { termFiles(index, term).forEach(function (n) { names.add(n); }); });
  return Array.from(names);
}

/* The terms of the loaded files a term can be in, as one object. */
function termsOf(index, term, files) {
  var found = termFiles(index, term).map(function (name) { return files[name] || {}; });
  return found.length === 1 ? found[0] : Object.assign.apply(null, [{}].concat(found));
}

/* Postings as written by encode_postings (searchindex.py): 5-bit digits, 32..63 meaning "more
   follow"; pairs of (gap to the previous page, weight). */
var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
var DIGIT = new Int8Array(128);
for (var d = 0; d < DIGITS.length; d++) DIGIT[DIGITS.charCodeAt(d)] = d;

function postings(text, into, combine) {
  var number = 0, value = 0, shift = 0, gap = -1;
  for (var i = 0; i < text.length; i++) {
    var digit = DIGIT[text.charCodeAt(i)];
    value |= (digit & 31) << shift;
    if (digit >= 32) { shift += 5; continue; }
    if (gap < 0) { gap = value; } else { number += gap; into.set(number, combine(into.get(number), value)); gap = -1; }
    value = 0; shift = 0;
  }
}

function max(a, b) { return a === undefined ? b : Math.max(a, b); }

/* {page number: score} for one query word. */
function wordHits(word, index, files) {
  var hits = new Map();
  var own = termsOf(index, word, files);
  if (isHan(word[0]) && word.length > 1) {
    var lists = cover(word).map(function (pair) {
      var found = new Map();
      postings(termsOf(index, pair, files)[pair] || "", found, max);
      return found;
    });
    lists.sort(function (a, b) { return a.size - b.size; });
    lists[0].forEach(function (weight, number) {
      var least = weight;
      for (var k = 1; k < lists.length && least > 0; k++) least = Math.min(least, lists[k].get(number) || 0);
      if (least > 0) hits.set(number, least);
    });
  } else {
    // One character, or a Latin word: every indexed term that begins with it.
    Object.keys(own).forEach(function (term) {
      if (term[0] !== "=" && term.startsWith(word)) postings(own[term], hits, max);
    });
  }
  Object.keys(own).forEach(function (term) {
    if (term[0] !== "=" || !term.startsWith("=" + word)) return;
    var bonus = term.length === word.length + 1 ? KEY_EXACT : KEY_PREFIX;
    postings(own[term], hits, function (score, boost) { return (score || 0) + bonus * boost; });
  });
  return hits;
}

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/* `text` escaped, with every occurrence of a query word marked as Material marks it. */
function marked(text, words, t2s) {
  var folded = fold(text);
  if (t2s) folded = Array.prototype.map.call(folded, function (c) { return t2s[c] || c; }).join("");
  var marks = new Uint8Array(text.length);
  words.forEach(function (word) {
    for (var at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) marks.fill(1, at, at + word.length);
  });
  var out = "", open = false;
  for (var i = 0; i < text.length; i++) {
    if (marks[i] && !open) { out += "<mark data-md-highlight>"; open = true; }
    if (!marks[i] && open) { out += "</mark>"; open = false; }
    out += escape(text[i]);
  }
  return out + (open ? "</mark>" : "");
}

function snippet(text, words) {
  var folded = fold(text), first = -1;
  words.forEach(function (word) {
    var at = folded.indexOf(word);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  });
  // From the start when the first hit shows there; else from a little before the hit.
  var start = first + SNIPPET_LEAD > SNIPPET ? first - SNIPPET_LEAD : 0;
  var piece = text.slice(start, start + SNIPPET);
  return (start > 0 ? "…" : "") + piece + (start + SNIPPET < text.length ? "…" : "");
}

function resultDocument(fragment, number, score, words, matched, t2s) {
  var terms = {};
  words.forEach(function (word, i) { terms[word] = matched[i]; });
  var tags = [fragment.k];
  if (fragment.m) tags.push(fragment.m);
  return {
    location: fragment.u,
    title: marked(fragment.t, words, t2s),
    text: fragment.x ? "<p>" + marked(snippet(fragment.x, words), words, t2s) + "</p>" : "",
    tags: tags,
    score: score,
    terms: terms
  };
}

function answer(query, id) {
  var empty = { items: [], total: 0 };
  return loadManifest().then(function (index) {
    return words(query, index).then(function (list) {
      if (!list.length || id !== latest) return empty;
      var names = new Set();
      list.forEach(function (word) { filesFor(word, index).forEach(function (n) { names.add(n); }); });
      var wanted = Array.from(names);
      return Promise.all(wanted.map(function (n) { return load("t/" + n + ".json"); })).then(function (loaded) {
        if (id !== latest) return empty;
        var files = {};
        wanted.forEach(function (n, i) { files[n] = loaded[i] || {}; });
        return rank(list, index, files);
      });
    });
  });

  function rank(list, index, files) {
    var pages = new Map(); // number -> { score, matched: [bool per word] }
    list.forEach(function (word, w) {
      wordHits(word, index, files).forEach(function (score, number) {
        var page = pages.get(number);
        if (!page) pages.set(number, page = { number: number, score: 0, count: 0, matched: list.map(function () { return false; }) });
        page.score += score;
        page.count += 1;
        page.matched[w] = true;
      });
    });
    var best = Array.from(pages.values()).sort(function (a, b) {
      return b.count - a.count || b.score - a.score || b.number - a.number;
    });
    var shown = best.slice(0, SHOWN);
    var t2s = cache.has("t2s.json") ? cache.get("t2s.json") : Promise.resolve(null);
    return Promise.all([t2s].concat(shown.map(function (page) { return load("d/" + page.number + ".json"); })))
      .then(function (loaded) {
        var table = loaded[0];
        var items = [];
        shown.forEach(function (page, i) {
          var fragment = loaded[i + 1];
          if (fragment) items.push([resultDocument(fragment, page.number, page.score, list, page.matched, table)]);
        });
        return { items: items, total: best.length };
      });
  }
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    loadManifest();
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var id = ++latest;
    var query = String(message.data || "");
    queue = queue.then(function () { return answer(query, id); }).catch(function () {
      return { items: [], total: 0 };
    }).then(function (data) {
      self.postMessage({ type: RESULT, data: data });
    });
  }
});
