// The demo page: WebAuthn L3 JSON in and out, through the browser's own helpers.
const statusBox = document.getElementById('status');
const usernameBox = document.getElementById('username');
const paymentStatus = document.getElementById('pay-status');
const evidenceLink = document.getElementById('pay-evidence');
// The signed-in customer's tokens (the sign-in's answer), and the payment being confirmed.
let session = null;
let payment = null;

function show(text) {
  statusBox.textContent = text;
}

// A null body is no body (the routes without a request body).
async function post(path, body, headers) {
  return send(api + path, body === null ? {method: 'POST', headers: headers} : {
    method: 'POST',
    headers: {'Content-Type': 'application/json', ...headers},
    body: JSON.stringify(body)
  });
}

async function send(url, init) {
  return (await answered(url, init)).json();
}

// The response when it is a success; a problem (RFC 9457) is thrown as its code and detail.
async function answered(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) {
    const json = await response.json();
    throw new Error((json.code || response.status) + ': ' + (json.detail || json.title || 'request failed'));
  }
  return response;
}

async function register() {
  const username = usernameBox.value.trim();
  if (!username) {
    show('Enter a username to register.');
    return;
  }
  const options = await post('/registration/options', {username: username, displayName: username});
  const credential = await navigator.credentials.create({
    publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options)
  });
  await post('/registration/verify', credential.toJSON());
  show('Registered');
}

// hints ['hybrid'] asks the browser for WebAuthn's cross-device flow, whose proximity check no code can relay.
async function signIn(hints) {
  const username = usernameBox.value.trim();
  const options = await post('/authentication/options', username ? {username: username} : {});
  const credential = await navigator.credentials.get({
    publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(hints ? {...options, hints: hints} : options)
  });
  const result = await post('/authentication/verify', credential.toJSON());
  session = result;
  document.getElementById('payment').hidden = false;
  show('Signed in as ' + result.username);
}

function bearer() {
  return {'Authorization': 'Bearer ' + session.access_token};
}

function field(id) {
  return document.getElementById(id).value.trim();
}

function reset() {
  payment = null;
  document.getElementById('pay-confirm').hidden = true;
  evidenceLink.hidden = true;
  evidenceLink.removeAttribute('href');
  paymentStatus.textContent = '';
}

// The demo's bank registers the payment; the customer's app then asks for the approval options, whose
// display is shown as it comes: it is derived from the very bytes the challenge is bound to.
async function requestPayment() {
  reset();
  const registered = await send('/demo/payments', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', ...bearer()},
    body: JSON.stringify({
      amount: {value: field('pay-amount'), currency: field('pay-currency')},
      payee: {name: field('pay-payee-name'), account: field('pay-payee-account')},
      text: field('pay-text')
    })
  });
  const options = await post('/transactions/' + registered.id + '/approval/options', null, bearer());
  payment = {id: registered.id, options: options};
  const list = document.getElementById('pay-display');
  list.replaceChildren();
  for (const [name, value] of Object.entries(options.display)) {
    const term = document.createElement('dt');
    term.textContent = name;
    list.append(term);
    for (const line of Array.isArray(value) ? value : [value]) {
      const description = document.createElement('dd');
      description.dataset.field = name;
      description.textContent = line;
      list.append(description);
    }
  }
  document.getElementById('pay-confirm').hidden = false;
}

// The platform passkey, with user verification (the options require it).
async function approvePayment() {
  const credential = await navigator.credentials.get({
    publicKey: PublicKeyCredential.parseRequestOptionsFromJSON({...payment.options.publicKey, hints: ['client-device']})
  });
  const result = await post('/transactions/' + payment.id + '/approval', credential.toJSON(), bearer());
  document.getElementById('pay-confirm').hidden = true;
  evidenceLink.href = '/demo/payments/' + payment.id + '/evidence';
  evidenceLink.hidden = false;
  paymentStatus.textContent = 'Approved at ' + result.approvedAt + ' with passkey ' + result.credentialId;
}

async function declinePayment() {
  const result = await post('/transactions/' + payment.id + '/decline', null, bearer());
  document.getElementById('pay-confirm').hidden = true;
  paymentStatus.textContent = 'Declined: the transaction is ' + result.status;
}

// The bundle needs the customer's token, which a plain link cannot send: fetched, then saved as a file
// byte for byte, as bin/evidence-verify reads it.
async function downloadEvidence() {
  const bundle = await (await answered(evidenceLink.href, {headers: bearer()})).blob();
  const file = document.createElement('a');
  file.href = URL.createObjectURL(bundle);
  file.download = 'evidence-' + payment.id + '.json';
  file.click();
  URL.revokeObjectURL(file.href);
}

function guarded(action, box) {
  const shown = box ? text => { box.textContent = text; } : show;
  return () => action().catch(error => shown('Failed: ' + error.message));
}

document.getElementById('register').addEventListener('click', guarded(register));
document.getElementById('signin').addEventListener('click', guarded(signIn));
document.getElementById('signin-phone').addEventListener('click', guarded(() => signIn(['hybrid'])));
document.getElementById('pay-register').addEventListener('click', guarded(requestPayment, paymentStatus));
document.getElementById('pay-approve').addEventListener('click', guarded(approvePayment, paymentStatus));
document.getElementById('pay-decline').addEventListener('click', guarded(declinePayment, paymentStatus));
const saveEvidence = guarded(downloadEvidence, paymentStatus);
evidenceLink.addEventListener('click', event => {
  event.preventDefault();
  saveEvidence();
});
