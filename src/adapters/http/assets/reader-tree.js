/**
 * The reader's tree view of one record (relaxed Extended JSON, or dj-mongo-reader's legacy JSON):
 * embedded documents and arrays as <details> that expand and collapse, every value with its type
 * (string, int, double, date, ObjectId, boolean, null...), and a copy button per value that puts
 * its Extended JSON on the clipboard. Values are written as text, never as markup.
 */
(function () {
  'use strict';

  /** The BSON type a JSON value stands for, and the text it is shown as. */
  function typed(value) {
    if (value === null) return { type: 'null', text: 'null' };
    if (typeof value === 'boolean') return { type: 'boolean', text: String(value) };
    if (typeof value === 'number') return { type: Number.isInteger(value) ? 'int' : 'double', text: String(value) };
    if (typeof value === 'string') return { type: 'string', text: JSON.stringify(value) };
    if (Array.isArray(value)) return { type: 'array', text: '[' + value.length + (value.length === 1 ? ' item]' : ' items]') };
    if (typeof value.$oid === 'string' && Object.keys(value).length === 1)
      return { type: 'ObjectId', text: 'ObjectId("' + value.$oid + '")' };
    if (value.$date !== undefined && Object.keys(value).length === 1) return { type: 'date', text: dateText(value.$date) };
    if (typeof value.$numberLong === 'string') return { type: 'long', text: value.$numberLong };
    if (typeof value.$numberDecimal === 'string') return { type: 'decimal', text: value.$numberDecimal };
    if (typeof value.$numberDouble === 'string') return { type: 'double', text: value.$numberDouble };
    if (value.$regularExpression)
      return { type: 'regex', text: '/' + value.$regularExpression.pattern + '/' + value.$regularExpression.options };
    if (value.$binary !== undefined) return { type: 'binary', text: JSON.stringify(value.$binary) };
    if (value.$timestamp) return { type: 'timestamp', text: 'Timestamp(' + value.$timestamp.t + ', ' + value.$timestamp.i + ')' };
    const keys = Object.keys(value);
    return { type: 'object', text: '{' + keys.length + (keys.length === 1 ? ' field}' : ' fields}') };
  }

  /** A date as ISO 8601, whichever way it came: an ISO string, milliseconds, or {"$numberLong": ms}. */
  function dateText(date) {
    const ms = typeof date === 'object' && date !== null ? Number(date.$numberLong) : date;
    const when = new Date(ms);
    return Number.isNaN(when.getTime()) ? String(ms) : when.toISOString();
  }

  function element(name, text, attributes) {
    const node = document.createElement(name);
    if (text !== undefined) node.textContent = text;
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    return node;
  }

  /** One line of the tree: the key, the value as text, its type, and a copy button. */
  function line(key, value, path, onCopy) {
    const { type, text } = typed(value);
    const row = element('span', undefined, { class: 'reader-tree-line' });
    if (key !== null) row.append(element('span', key, { class: 'reader-tree-key' }), ': ');
    row.append(element('span', text, { class: 'reader-tree-value', 'data-type': type }));
    row.append(' ', element('span', type, { class: 'reader-tree-type' }));
    const copy = element('button', 'Copy', {
      type: 'button',
      class: 'reader-tree-copy secondary',
      'aria-label': 'Copy ' + (path || 'the record') + ' as Extended JSON',
    });
    copy.addEventListener('click', (event) => {
      event.preventDefault();
      onCopy(path || 'the record', value);
    });
    row.append(' ', copy);
    return { row, type };
  }

  function node(key, value, path, onCopy) {
    const { row, type } = line(key, value, path, onCopy);
    const item = element('li', undefined, { 'data-path': path });
    if (type !== 'array' && type !== 'object') {
      item.append(row);
      return item;
    }
    const details = element('details', undefined, { open: '' });
    const summary = element('summary');
    summary.append(row);
    const children = element('ul');
    const entries = Array.isArray(value) ? value.map((inner, index) => [String(index), inner]) : Object.entries(value);
    for (const [innerKey, inner] of entries)
      children.append(node(innerKey, inner, path ? path + '.' + innerKey : innerKey, onCopy));
    details.append(summary, children);
    item.append(details);
    return item;
  }

  window.SignetReaderTree = {
    typed,
    /** The tree of `record`; `onCopy(path, value)` is called when a value's copy button is pressed. */
    render(record, onCopy) {
      const list = element('ul', undefined, { class: 'reader-tree-root' });
      for (const [key, value] of Object.entries(record)) list.append(node(key, value, key, onCopy));
      return list;
    },
  };
})();
