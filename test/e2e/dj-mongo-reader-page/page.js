// As dj-mongo-reader's mongoreader.js sent requests without jQuery: the answer is read only when the
// status is 200 (jQuery's `.done(cb)` likewise), with its option string, a leading & and a cache-buster.
(function () {
  'use strict';
  var base = '/mongo/db1/user_collection1/';
  var options = { skip: 0, batch_size: 50, limit: 50 };
  var pending = 3;

  function sendAjax(url, callback) {
    var xmlhttp = new XMLHttpRequest();
    xmlhttp.onreadystatechange = function () {
      if (xmlhttp.readyState === 4) {
        if (xmlhttp.status === 200) callback(JSON.parse(xmlhttp.responseText));
        finished();
      }
    };
    xmlhttp.open('GET', url + '&t=' + Date.now(), true);
    xmlhttp.send();
  }

  function finished() {
    pending -= 1;
    if (pending === 0) document.getElementById('done').textContent = 'done';
  }

  function mixURL(cmd, criteria, sort) {
    var parts = [];
    for (var key in options) parts.push('&' + key + '=' + options[key]);
    return (
      base +
      cmd +
      '?' +
      parts.join('') +
      (criteria ? '&criteria=' + encodeURIComponent(JSON.stringify(criteria)) : '') +
      (sort ? '&sort=' + encodeURIComponent(JSON.stringify(sort)) : '')
    );
  }

  function showError(data) {
    document.getElementById('error').textContent = 'get data error! ' + data.error;
  }

  function cell(text) {
    var td = document.createElement('td');
    td.textContent = text;
    return td;
  }

  sendAjax(mixURL('_count', {}), function (data) {
    if (data.error) return showError(data);
    document.getElementById('total').textContent = String(data.count);
  });

  sendAjax(mixURL('_find', {}, { lastlogin: -1 }), function (data) {
    if (data.error) return showError(data);
    var rows = document.getElementById('rows');
    data.results.forEach(function (record) {
      var tr = document.createElement('tr');
      var ms = record.lastlogin.$date;
      tr.appendChild(cell(record.name));
      // Arithmetic on .$date, as pages written for dj-mongo-reader do.
      tr.appendChild(cell(typeof ms === 'number' ? new Date(ms + 0).toISOString().slice(0, 10) : 'not a number'));
      tr.appendChild(cell(String(Math.floor((Date.now() - ms) / 86400000))));
      rows.appendChild(tr);
    });
  });

  sendAjax(base + '_status?', function (data) {
    if (data.error) return showError(data);
    var list = document.getElementById('status');
    ['ns', 'count', 'nindexes'].forEach(function (key) {
      var dt = document.createElement('dt');
      dt.textContent = key;
      var dd = document.createElement('dd');
      dd.id = 'status-' + key;
      dd.textContent = String(data.status[key]);
      list.appendChild(dt);
      list.appendChild(dd);
    });
  });
})();
