/*
 * French search of the handbook (handbook.sphinxext.search), loaded on the
 * search page before Sphinx's searchtools.js, which keeps the `splitQuery`
 * and `Scorer` defined here (both are documented hooks).
 *
 * Accents: the search index holds words folded (no accents, no ligatures)
 * *before* they were stemmed. searchtools.js cuts the query into words with
 * `splitQuery`, then checks each word against the stop words and stems it
 * with the Snowball French stemmer. This `splitQuery` folds the query first,
 * so the stemmer sees the same folded words as the Python side did.
 * `fold` must stay identical to `fold` in handbook/sphinxext/search.py.
 *
 * Ranking: Sphinx's index only tells which pages hold a word, and scores a
 * full-text result 15 as soon as *any* heading of the page holds one of the
 * words (5 otherwise). `Scorer.score` lowers that heading score to a small
 * bonus and adds, for every word of the query, a BM25-like bonus computed
 * from the page's term frequencies (handbook-search-weights.js, written at
 * build time) and a bonus when the result's title holds the word. Results
 * matching a whole title or an index (glossary) entry keep Sphinx's score,
 * plus the same bonuses.
 */
"use strict";

(() => {
  const LIGATURES = { "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE" };

  const fold = (text) =>
    text
      .replace(/[œŒæÆ]/g, (letter) => LIGATURES[letter])
      .normalize("NFD")
      .replace(/\p{Mn}/gu, "")
      .normalize("NFC");

  // Same splitting as searchtools.js's default splitQuery (Python's \w+),
  // applied to the folded query.
  const splitQuery = (query) =>
    fold(query)
      .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
      .filter((term) => term);

  // --- ranking -------------------------------------------------------------

  const TERM_WEIGHT = 6; // BM25 bonus of a word, times its idf
  const TITLE_WEIGHT = 4; // bonus of a word present in the result's title, times its idf
  const HEADING_WEIGHT = 3; // bonus of a full-text result with a word in a heading
  const K1 = 1.2;
  const B = 0.75;

  // The query's stems, as searchtools.js computes them (_parseQuery).
  let lastQuery = null;
  let lastStems = [];
  const stemsOf = (text) => {
    const stemmer = new Stemmer();
    return splitQuery(text.trim())
      .map((word) => word.toLowerCase())
      .filter((word) => !stopwords.has(word) && !/^\d+$/.test(word))
      .map((word) => stemmer.stemWord(word));
  };
  const queryStems = () => {
    const query = new URLSearchParams(window.location.search).get("q") || "";
    if (query !== lastQuery) {
      lastQuery = query;
      lastStems = [...new Set(stemsOf(query))];
    }
    return lastStems;
  };

  const documentFrequency = (stem) => {
    const index = Search._index;
    const files = new Set();
    for (const mapping of [index.terms, index.titleterms]) {
      if (!Object.prototype.hasOwnProperty.call(mapping, stem)) continue;
      const found = mapping[stem];
      (Array.isArray(found) ? found : [found]).forEach((file) => files.add(file));
    }
    return files.size;
  };

  const idf = (stem) => {
    const pages = Search._index.docnames.length;
    const df = documentFrequency(stem);
    return Math.log(1 + (pages - df + 0.5) / (df + 0.5));
  };

  const hasTerm = (stem, docname) => {
    const index = Search._index;
    const file = index.docnames.indexOf(docname);
    return [index.terms, index.titleterms].some((mapping) => {
      if (!Object.prototype.hasOwnProperty.call(mapping, stem)) return false;
      const found = mapping[stem];
      return Array.isArray(found) ? found.includes(file) : found === file;
    });
  };

  const score = (result) => {
    const [docname, title, , , sphinxScore, , kind] = result;
    const weights = window.handbookSearchWeights;
    const stems = queryStems();
    if (!weights || !stems.length) return sphinxScore;
    let baseScore = sphinxScore;
    if (kind === "text") {
      baseScore = Math.min(sphinxScore, Scorer.term);
      if (sphinxScore >= Scorer.title) baseScore += HEADING_WEIGHT;
    }
    const page = weights.pages[docname] || { length: weights.averageLength, stems: {} };
    // A page lists all its stems, or only its maxStems most frequent ones:
    // when the list was cut, a missing stem may still be in the page (then
    // counted once).
    const partial = Object.keys(page.stems).length >= weights.maxStems;
    const titleStems = new Set(stemsOf(title || ""));
    // Long pages are penalised, short ones (hubs, mostly links) not favoured.
    const length = Math.max(page.length, weights.averageLength);
    const norm = 1 - B + (B * length) / weights.averageLength;
    let bonus = 0;
    stems.forEach((stem) => {
      const tf = page.stems[stem] || (partial && hasTerm(stem, docname) ? 1 : 0);
      const weight = idf(stem);
      bonus += (TERM_WEIGHT * weight * tf * (K1 + 1)) / (tf + K1 * norm);
      if (titleStems.has(stem)) bonus += TITLE_WEIGHT * weight;
    });
    return baseScore + bonus;
  };

  // Sphinx's default scores (searchtools.js), plus `score`.
  const Scorer = {
    score,
    objNameMatch: 11,
    objPartialMatch: 6,
    objPrio: { 0: 15, 1: 5, 2: -5 },
    objPrioDefault: 0,
    title: 15,
    partialTitle: 7,
    term: 5,
    partialTerm: 2,
  };

  window.handbookFold = fold;
  window.splitQuery = splitQuery;
  window.Scorer = Scorer;
})();
