/* global document, window, fetch, URLSearchParams, console */
/**
 * Signet's MongoDB reader in the browser: fills every `[data-reader-table]` (reader/table.njk) from
 * the JSON routes, pages through it, and shows a record's detail in a dialog. Every value reaches
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
    if (value.$date !== undefined) return typeof value.$date === 'string' ? value.$date : JSON.stringify(value.$date);
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

  class ReaderTable {
    constructor(section) {
      this.section = section;
      this.base = '/mongo/' + encodeURIComponent(section.dataset.db) + '/' + encodeURIComponent(section.dataset.col) + '/';
      this.rowcount = Math.max(1, Number(section.dataset.rowcount) || 50);
      this.criteria = section.dataset.criteria || '{}';
      this.sort = section.dataset.sort || '{}';
      this.columns = Array.from(section.querySelectorAll('thead th[data-field]'), (th) => th.dataset.field);
      this.page = 1;
      this.total = null;
      this.rows = section.querySelector('[data-reader-rows]');
      this.pages = section.querySelector('[data-reader-pages]');
      this.dialog = section.querySelector('[data-reader-dialog]');
      this.record = section.querySelector('[data-reader-record]');
      this.pages.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-page]');
        if (button && !button.disabled) this.show(Number(button.dataset.page));
      });
    }

    async start() {
      await Promise.all([this.count(), this.show(1)]);
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
      if (!body || body.ok !== 1) throw new Error((body && body.error) || 'the server answered ' + response.status);
      return body;
    }

    async count() {
      try {
        const body = await this.get('_count', { criteria: this.criteria });
        this.total = body.count;
        this.section.querySelector('[data-reader-total]').textContent = String(body.count);
        this.renderPages();
      } catch (error) {
        this.fail(error);
      }
    }

    async show(page) {
      try {
        const body = await this.get('_find', {
          criteria: this.criteria,
          sort: this.sort,
          skip: String((page - 1) * this.rowcount),
          limit: String(this.rowcount),
        });
        this.page = page;
        this.section.querySelector('[data-reader-error]').hidden = true;
        const ms = Number(body.span) * 1000;
        this.section.querySelector('[data-reader-time]').textContent = ms < 1 ? 'under 1 ms' : Math.round(ms) + ' ms';
        this.renderRows(body.results);
        this.renderPages();
      } catch (error) {
        this.fail(error);
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

    renderPages() {
      if (this.total === null) return;
      const last = Math.max(1, Math.ceil(this.total / this.rowcount));
      const first = Math.max(1, Math.min(this.page - 2, last - 4));
      const buttons = [this.pageButton('Previous', this.page - 1, this.page <= 1)];
      for (let page = first; page <= Math.min(last, first + 4); page += 1) {
        const button = this.pageButton(String(page), page, false);
        if (page === this.page) button.setAttribute('aria-current', 'page');
        buttons.push(button);
      }
      buttons.push(this.pageButton('Next', this.page + 1, this.page >= last));
      this.pages.replaceChildren(...buttons);
    }

    pageButton(label, page, disabled) {
      const button = element('button', label, { type: 'button', 'data-page': String(page) });
      button.disabled = disabled;
      return button;
    }

    detail(record) {
      this.record.textContent = JSON.stringify(record, null, 2);
      this.dialog.showModal();
    }

    fail(error) {
      const box = this.section.querySelector('[data-reader-error]');
      box.textContent = error.message;
      box.hidden = false;
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    for (const section of document.querySelectorAll('[data-reader-table]')) void new ReaderTable(section).start();
  });
})();
