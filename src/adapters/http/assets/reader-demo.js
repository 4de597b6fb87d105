/* global window */
/** The demo's value transforms: gender as a word, the last login as a date in the browser's own locale. */
(function () {
  'use strict';
  window.SignetReader.transform('gender', function (value) {
    return value === 0 ? 'male' : value === 1 ? 'female' : '';
  });
  window.SignetReader.transform('lastlogin', function (value) {
    if (!value || value.$date === undefined) return '';
    const when = typeof value.$date === 'string' ? value.$date : Number(value.$date.$numberLong);
    return new Date(when).toLocaleDateString();
  });
})();
