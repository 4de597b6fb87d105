// Asks before a form marked data-confirm is sent (revoking a key, removing a host). Without
// JavaScript the forms still work, without the question.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = form.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// A user or key field (data-choices: where to ask) offers, as its datalist, what the admin site
// finds for what is typed so far: one page of the list at a time, however long the list. Without
// JavaScript the field offers the first page and takes any name typed in full.
for (const input of document.querySelectorAll('input[data-choices]')) {
  if (!(input instanceof HTMLInputElement) || !(input.list instanceof HTMLDataListElement)) continue;
  const list = input.list;
  let timer;
  let asked = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => offer().catch(() => undefined), 200);
  });
  async function offer() {
    asked += 1;
    const question = asked;
    const url = new URL(input.dataset.choices ?? '', window.location.href);
    url.searchParams.set('q', input.value.trim());
    const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    // An answer to an older question, or none (a session that ended): the offer stays as it was.
    if (!response.ok || question !== asked) return;
    const { choices } = await response.json();
    list.replaceChildren(
      ...choices.map(({ value, label }) => {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = label;
        return option;
      }),
    );
  }
}
