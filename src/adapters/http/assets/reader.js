/**
 * Signet's MongoDB reader in the browser: fills every `[data-reader-table]` (reader/table.njk) from
 * the JSON routes, pages through it (the page and a sort picked on a column header kept in the
 * address, so Back and Forward step through them), and shows a record's detail in a dialog as a
 * tree (/assets/reader-tree.js). Every value reaches
 * the page as text (textContent), never as markup. A page script may register a function per column
 * to turn a value into display text:
 *
 *     SignetReader.transform('gender', (value, record) => (value === 0 ? 'male' : 'female'));
 *
 * dj-mongo-reader's `window.<column>_process(value, record)` functions are honoured too.
 */
(function () {
  'use strict';

  const transforms = new Map();
  window.SignetReader = {
    transform(path, fn) {
      if (typeof fn !== 'function') throw new TypeError('SignetReader.transform takes a column and a function');
      transforms.set(path, fn);
    },
  };

  /** The value at a dotted path of a record (relaxed Extended JSON), or undefined. */
  function valueAt(record, path) {
    let current = record;
    for (const step of path.split('.')) {
      if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, step))
        return undefined;
      current = current[step];
    }
    return current;
  }

  /** A relaxed Extended JSON value as plain text: ids and dates as themselves, the rest as JSON. */
  function plainText(value) {
    if (value === null || value === undefined) return '';
    if (typeof value !== 'object') return String(value);
    if (typeof value.$oid === 'string') return value.$oid;
    if (value.$date !== undefined) {
      if (typeof value.$date === 'string') return value.$date;
      // Milliseconds, as READER_COMPAT=dj-mongo-reader writes dates.
      if (typeof value.$date === 'number') return new Date(value.$date).toISOString();
      return JSON.stringify(value.$date);
    }
    for (const key of ['$numberLong', '$numberDecimal', '$numberDouble']) if (typeof value[key] === 'string') return value[key];
    return JSON.stringify(value);
  }

  function transformOf(path) {
    if (transforms.has(path)) return transforms.get(path);
    const legacy = window[path + '_process'];
    return typeof legacy === 'function' ? legacy : null;
  }

  function displayText(path, value, record) {
    const transform = transformOf(path);
    if (!transform) return plainText(value);
    try {
      const shown = transform(value, record);
      return shown === null || shown === undefined ? '' : String(shown);
    } catch (error) {
      console.error('value transform for ' + path + ' failed', error);
      return plainText(value);
    }
  }

  function element(name, text, attributes) {
    const node = document.createElement(name);
    if (text !== undefined) node.textContent = text;
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    return node;
  }

  /** The sort a column header shows: 1, -1, or 0 when the table is not sorted by that column alone. */
  function headerDirection(sortText, path) {
    try {
      const sort = JSON.parse(sortText);
      const keys = Object.keys(sort);
      return keys.length === 1 && keys[0] === path && (sort[path] === 1 || sort[path] === -1) ? sort[path] : 0;
    } catch {
      return 0;
    }
  }

  /** Ascending, then descending, then none. */
  function nextSort(sortText, path) {
    const direction = headerDirection(sortText, path);
    if (direction === 0) return JSON.stringify({ [path]: 1 });
    if (direction === 1) return JSON.stringify({ [path]: -1 });
    return '{}';
  }

  class ReaderTable {
    constructor(section, ownsAddress) {
      this.section = section;
      this.ownsAddress = ownsAddress;
      this.db = section.dataset.db;
      this.col = section.dataset.col;
      this.base = '/mongo/' + encodeURIComponent(this.db) + '/' + encodeURIComponent(this.col) + '/';
      this.rowcount = Math.max(1, Number(section.dataset.rowcount) || 50);
      this.criteria = section.dataset.criteria || '{}';
      this.sort = section.dataset.sort || '{}';
      this.headers = Array.from(section.querySelectorAll('thead th[data-field]'));
      this.columns = this.headers.map((th) => th.dataset.field);
      this.page = Math.max(1, Number(section.dataset.page) || 1);
      this.total = null;
      this.rows = section.querySelector('[data-reader-rows]');
      this.pages = section.querySelector('[data-reader-pages]');
      this.jump = section.querySelector('[data-reader-page-jump]');
      this.dialog = section.querySelector('[data-reader-dialog]');
      this.record = section.querySelector('[data-reader-record]');
      this.tree = section.querySelector('[data-reader-tree]');
      this.copied = section.querySelector('[data-reader-copied]');
      this.shown = null;
      this.pages.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-page]');
        if (button && !button.disabled) this.go(Number(button.dataset.page), this.sort);
      });
      if (this.jump) {
        this.jump.addEventListener('submit', (event) => {
          event.preventDefault();
          const wanted = Math.floor(Number(this.jump.querySelector('[data-reader-page-number]').value));
          if (Number.isFinite(wanted) && wanted >= 1) this.go(Math.min(wanted, this.lastPage()), this.sort);
        });
      }
      // A masked column cannot be sorted by: the reader refuses it, as for a hidden field.
      for (const th of this.headers) if (th.dataset.masked === undefined) this.makeSortable(th);
      this.wireDialog();
      if (ownsAddress) window.addEventListener('popstate', () => this.followAddress());
    }

    async start() {
      const counted = this.count();
      await Promise.all([counted, this.show(this.page)]);
      if ((await counted) && window.SignetReaderHistory)
        window.SignetReaderHistory.remember(this.db, this.col, this.criteria, this.sort);
    }

    makeSortable(th) {
      const button = element('button', th.textContent.trim(), {
        type: 'button',
        class: 'reader-sort',
        'data-sort-field': th.dataset.field,
      });
      button.addEventListener('click', () => this.go(1, nextSort(this.sort, th.dataset.field)));
      th.replaceChildren(button);
      this.showSort();
    }

    showSort() {
      for (const th of this.headers) {
        const direction = headerDirection(this.sort, th.dataset.field);
        if (direction === 0) th.removeAttribute('aria-sort');
        else th.setAttribute('aria-sort', direction === 1 ? 'ascending' : 'descending');
      }
    }

    /** Shows `page` under `sort`, and puts both in the address, so that Back returns here. */
    go(page, sort) {
      const sortChanged = sort !== this.sort;
      this.sort = sort;
      this.showSort();
      if (this.ownsAddress) window.history.pushState(null, '', this.address(page, sort));
      this.syncForm();
      void this.show(page).then((shown) => {
        if (shown && sortChanged && window.SignetReaderHistory)
          window.SignetReaderHistory.remember(this.db, this.col, this.criteria, this.sort);
      });
    }

    address(page, sort) {
      const params = new URLSearchParams(window.location.search);
      params.set('ns', this.db + '.' + this.col);
      if (!params.has('criteria')) params.set('criteria', this.criteria);
      params.delete('q');
      params.set('sort', sort);
      params.set('page', String(page));
      return window.location.pathname + '?' + params.toString();
    }

    /** Back or Forward: the same query under another page or sort is shown here; another query is loaded. */
    followAddress() {
      const params = new URLSearchParams(window.location.search);
      const criteria = (params.get('criteria') || params.get('q') || '{}').trim() || '{}';
      const sameQuery =
        params.get('ns') === this.db + '.' + this.col &&
        criteria === this.criteria &&
        Number(params.get('rowcount') || this.rowcount) === this.rowcount;
      if (!sameQuery) {
        window.location.reload();
        return;
      }
      this.sort = (params.get('sort') || '{}').trim() || '{}';
      this.showSort();
      this.syncForm();
      void this.show(Math.max(1, Number(params.get('page')) || 1));
    }

    /** The form's sort box and the export link follow a sort picked on a header. */
    syncForm() {
      const box = document.getElementById('reader-sort');
      if (box && this.ownsAddress) box.value = this.sort;
      const link = document.querySelector('[data-reader-export]');
      if (link && this.ownsAddress) {
        const url = new URL(link.href, window.location.href);
        url.searchParams.set('sort', this.sort);
        link.href = url.pathname + '?' + url.searchParams.toString();
      }
    }

    async get(command, parameters) {
      const response = await fetch(this.base + command + '?' + new URLSearchParams(parameters).toString(), {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      let body;
      try {
        body = await response.json();
      } catch {
        throw new Error('the server answered ' + response.status + ' ' + response.statusText);
      }
      // Signet's refusals carry ok: 0 and a status; with READER_COMPAT=dj-mongo-reader they come at 200.
      if (!body || body.ok !== 1) throw new Error((body && body.error) || 'the server answered ' + response.status);
      return body;
    }

    async count() {
      try {
        const body = await this.get('_count', { criteria: this.criteria });
        this.total = body.count;
        this.section.querySelector('[data-reader-total]').textContent = String(body.count);
        this.renderPages();
        return true;
      } catch (error) {
        this.fail(error);
        return false;
      }
    }

    async show(page) {
      const asked = { page, sort: this.sort };
      this.shown = asked;
      try {
        const body = await this.get('_find', {
          criteria: this.criteria,
          sort: this.sort,
          skip: String((page - 1) * this.rowcount),
          limit: String(this.rowcount),
        });
        // A later click (or Back) asked for something else meanwhile: its answer is the one to show.
        if (this.shown !== asked) return false;
        this.page = page;
        this.section.querySelector('[data-reader-error]').hidden = true;
        const ms = Number(body.span) * 1000;
        this.section.querySelector('[data-reader-time]').textContent = ms < 1 ? 'under 1 ms' : Math.round(ms) + ' ms';
        this.renderRows(body.results);
        this.renderPages();
        return true;
      } catch (error) {
        if (this.shown === asked) this.fail(error);
        return false;
      }
    }

    renderRows(records) {
      const rows = records.map((record, index) => {
        const row = element('tr');
        for (const path of this.columns) row.append(element('td', displayText(path, valueAt(record, path), record)));
        const detail = element('button', 'Detail', {
          type: 'button',
          class: 'secondary',
          'aria-label': 'Detail of record ' + ((this.page - 1) * this.rowcount + index + 1),
        });
        detail.addEventListener('click', () => this.detail(record));
        const cell = element('td');
        cell.append(detail);
        row.append(cell);
        return row;
      });
      if (rows.length === 0) {
        rows.push(element('tr'));
        rows[0].append(element('td', 'No document matches.', { colspan: String(this.columns.length + 1) }));
      }
      this.rows.replaceChildren(...rows);
    }

    lastPage() {
      return Math.max(1, Math.ceil((this.total || 0) / this.rowcount));
    }

    /** First, Previous, a window of five numbered pages, Next, Last; and the page-number box for any other. */
    renderPages() {
      if (this.total === null) return;
      const last = this.lastPage();
      const first = Math.max(1, Math.min(this.page - 2, last - 4));
      const buttons = [this.pageButton('First', 1, this.page <= 1), this.pageButton('Previous', this.page - 1, this.page <= 1)];
      for (let page = first; page <= Math.min(last, first + 4); page += 1) {
        const button = this.pageButton(String(page), page, false);
        if (page === this.page) button.setAttribute('aria-current', 'page');
        buttons.push(button);
      }
      buttons.push(this.pageButton('Next', this.page + 1, this.page >= last), this.pageButton('Last', last, this.page >= last));
      this.pages.replaceChildren(...buttons);
      if (this.jump) {
        this.jump.hidden = false;
        const box = this.jump.querySelector('[data-reader-page-number]');
        box.max = String(last);
        box.value = String(this.page);
        this.jump.querySelector('[data-reader-last-page]').textContent = String(last);
      }
    }

    pageButton(label, page, disabled) {
      const button = element('button', label, { type: 'button', 'data-page': String(page) });
      if (label === 'First' || label === 'Last') button.setAttribute('aria-label', label + ' page (' + page + ')');
      button.disabled = disabled;
      return button;
    }

    wireDialog() {
      const tree = () => this.tree.querySelectorAll('details');
      const on = (selector, handler) => {
        const button = this.section.querySelector(selector);
        if (button) button.addEventListener('click', handler);
      };
      on('[data-reader-expand]', () => tree().forEach((details) => (details.open = true)));
      on('[data-reader-collapse]', () => tree().forEach((details) => (details.open = false)));
      on('[data-reader-copy-record]', () => this.copy('the record', this.current));
    }

    detail(record) {
      this.current = record;
      this.record.textContent = JSON.stringify(record, null, 2);
      if (this.tree && window.SignetReaderTree) {
        this.tree.replaceChildren(window.SignetReaderTree.render(record, (path, value) => this.copy(path, value)));
      }
      if (this.copied) this.copied.textContent = '';
      this.dialog.showModal();
    }

    /** Puts a value's Extended JSON on the clipboard; says so, or shows the text where the clipboard is refused. */
    async copy(path, value) {
      const text = JSON.stringify(value);
      try {
        await navigator.clipboard.writeText(text);
        if (this.copied) this.copied.textContent = 'Copied ' + path + '.';
      } catch {
        if (this.copied) this.copied.textContent = 'The clipboard is not available; ' + path + ' is: ' + text;
      }
    }

    /** An error replaces the previous answer: its count, its time, its rows and pages are cleared. */
    fail(error) {
      this.total = null;
      this.section.querySelector('[data-reader-total]').textContent = '—';
      this.section.querySelector('[data-reader-time]').textContent = '—';
      this.rows.replaceChildren();
      this.pages.replaceChildren();
      if (this.jump) this.jump.hidden = true;
      const box = this.section.querySelector('[data-reader-error]');
      box.textContent = error.message;
      box.hidden = false;
    }
  }

  /**
   * The field overview's bar labels, shown through the column's value transform where the page
   * registers one; the bars' values come in a JSON block, field by field in the order drawn.
   */
  function transformOverview() {
    for (const block of document.querySelectorAll('[data-reader-overview-values]')) {
      let fields;
      try {
        fields = JSON.parse(block.textContent);
      } catch {
        continue;
      }
      const articles = block.parentElement.querySelectorAll('.reader-field');
      fields.forEach((field, index) => {
        const article = articles[index];
        if (!article || !transformOf(field.path)) return;
        article.querySelectorAll('a.reader-bar').forEach((bar, at) => {
          const value = field.values[at];
          if (value === null || value === undefined) return;
          const shown = displayText(field.path, value, {});
          const label = bar.querySelector('text');
          const count = bar.querySelector('text:last-of-type');
          if (label) label.textContent = shown.length > 24 ? shown.slice(0, 23) + '…' : shown;
          const title = bar.querySelector('title');
          if (title) title.textContent = shown + ': ' + (count ? count.textContent : '') + '. Show only these.';
        });
      });
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    const sections = document.querySelectorAll('[data-reader-table]');
    // The address holds one table's page and sort: a page with several tables keeps its own.
    for (const section of sections) void new ReaderTable(section, sections.length === 1).start();
    transformOverview();
  });
})();
