/**
 * The reader's query history, kept in this browser only (localStorage): the last 20 queries
 * (filter and sort) run on each collection, newest first, each a link that runs it again.
 */
(function () {
  'use strict';

  const KEEP = 20;

  function storageKey(db, col) {
    return 'signet.reader.history.' + JSON.stringify([db, col]);
  }

  function read(db, col) {
    try {
      const parsed = JSON.parse(window.localStorage.getItem(storageKey(db, col)) || '[]');
      return Array.isArray(parsed)
        ? parsed.filter((entry) => entry && typeof entry.criteria === 'string' && typeof entry.sort === 'string')
        : [];
    } catch {
      return [];
    }
  }

  function write(db, col, entries) {
    try {
      window.localStorage.setItem(storageKey(db, col), JSON.stringify(entries));
    } catch {
      // Storage full or switched off: the history is a convenience, the page works without it.
    }
  }

  function render(box) {
    const { db, col } = box.dataset;
    const entries = read(db, col);
    const list = box.querySelector('[data-reader-history-list]');
    list.replaceChildren(
      ...entries.map((entry) => {
        const params = new URLSearchParams(window.location.search);
        params.set('ns', db + '.' + col);
        params.set('criteria', entry.criteria);
        params.set('sort', entry.sort);
        params.delete('page');
        params.delete('q');
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = '/mongo/?' + params.toString();
        link.textContent = entry.criteria + (entry.sort === '{}' ? '' : ' · sort ' + entry.sort);
        item.append(link);
        return item;
      }),
    );
    box.hidden = entries.length === 0;
  }

  window.SignetReaderHistory = {
    /** Puts a query first in its collection's history (once), keeping the last 20. */
    remember(db, col, criteria, sort) {
      const entries = read(db, col).filter((entry) => entry.criteria !== criteria || entry.sort !== sort);
      entries.unshift({ criteria, sort });
      write(db, col, entries.slice(0, KEEP));
      for (const box of document.querySelectorAll('[data-reader-history]')) {
        if (box.dataset.db === db && box.dataset.col === col) render(box);
      }
    },
  };

  document.addEventListener('DOMContentLoaded', function () {
    for (const box of document.querySelectorAll('[data-reader-history]')) {
      render(box);
      box.querySelector('[data-reader-history-clear]').addEventListener('click', () => {
        write(box.dataset.db, box.dataset.col, []);
        render(box);
      });
    }
  });
})();
