/** The demo's value transforms: gender as a word, the last login as a date in the browser's own locale. */
(function () {
  'use strict';
  window.SignetReader.transform('gender', function (value) {
    return value === 0 ? 'male' : value === 1 ? 'female' : '';
  });
  window.SignetReader.transform('lastlogin', function (value) {
    if (!value || value.$date === undefined) return '';
    // An ISO string (relaxed Extended JSON), milliseconds (READER_COMPAT=dj-mongo-reader), or {"$numberLong": ms}.
    const date = value.$date;
    const when = typeof date === 'string' || typeof date === 'number' ? date : Number(date.$numberLong);
    return new Date(when).toLocaleDateString();
  });
})();
