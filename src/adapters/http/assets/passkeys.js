// Passkeys on Signet's pages. A form marked data-passkey-sign-in or data-passkey-register asks the
// server for a challenge (with the form's CSRF token), hands it to the browser's authenticator, and
// posts the answer in its hidden `passkey` field; the server does the rest as for any form. The
// sign-in form stays hidden where the browser has no WebAuthn.

const fromBase64url = (text) => {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
};

const toBase64url = (buffer) => {
  let text = '';
  for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const withIds = (list) => (list || []).map((item) => ({ ...item, id: fromBase64url(item.id) }));

function creationOptions(json) {
  return {
    ...json,
    challenge: fromBase64url(json.challenge),
    user: { ...json.user, id: fromBase64url(json.user.id) },
    excludeCredentials: withIds(json.excludeCredentials),
  };
}

function requestOptions(json) {
  return { ...json, challenge: fromBase64url(json.challenge), allowCredentials: withIds(json.allowCredentials) };
}

function credentialJson(credential) {
  const response = credential.response;
  const common = {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment || undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
  };
  if (response.attestationObject) {
    return {
      ...common,
      response: {
        clientDataJSON: toBase64url(response.clientDataJSON),
        attestationObject: toBase64url(response.attestationObject),
        transports: response.getTransports ? response.getTransports() : [],
      },
    };
  }
  return {
    ...common,
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      authenticatorData: toBase64url(response.authenticatorData),
      signature: toBase64url(response.signature),
      userHandle: response.userHandle ? toBase64url(response.userHandle) : undefined,
    },
  };
}

async function challenge(form, path) {
  const body = new URLSearchParams({ _csrf: new FormData(form).get('_csrf') });
  const answer = await fetch(path, { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!answer.ok) throw new Error('Signet could not start the passkey request. Reload the page and try again.');
  return (await answer.json()).options;
}

function problem(form, text) {
  const place = form.querySelector('[data-passkey-problem]');
  if (!place) return;
  place.textContent = text;
  place.hidden = false;
}

async function ceremony(form) {
  const registering = form.hasAttribute('data-passkey-register');
  const options = await challenge(form, registering ? '/passkeys/register/options/' : '/passkeys/sign-in/options/');
  const credential = registering
    ? await navigator.credentials.create({ publicKey: creationOptions(options) })
    : await navigator.credentials.get({ publicKey: requestOptions(options) });
  if (!credential) throw new Error('No passkey was chosen.');
  form.elements.namedItem('passkey').value = JSON.stringify(credentialJson(credential));
  form.submit();
}

const supported = typeof window.PublicKeyCredential === 'function' && Boolean(navigator.credentials);

for (const form of document.querySelectorAll('form[data-passkey-sign-in], form[data-passkey-register]')) {
  if (!supported) {
    problem(form, 'This browser cannot use passkeys.');
    continue;
  }
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!(form instanceof HTMLFormElement) || !form.reportValidity()) return;
    ceremony(form).catch((error) => {
      problem(
        form,
        error && error.name === 'NotAllowedError'
          ? 'The passkey request was cancelled or timed out.'
          : String(error.message || error),
      );
    });
  });
}
