/* global document, window, HTMLFormElement */
// Asks before a form marked data-confirm is sent (revoking a key, removing a host). Without
// JavaScript the forms still work, without the question.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = form.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
