// The demo page: WebAuthn L3 JSON in and out, through the browser's own helpers.
const statusBox = document.getElementById('status');
const usernameBox = document.getElementById('username');

function show(text) {
  statusBox.textContent = text;
}

async function post(path, body) {
  const response = await fetch(api + path, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body)
  });
  const json = await response.json();
  if (!response.ok) {
    throw new Error((json.code || response.status) + ': ' + (json.detail || json.title || 'request failed'));
  }
  return json;
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
  show('Signed in as ' + result.username);
}

function guarded(action) {
  return () => action().catch(error => show('Failed: ' + error.message));
}

document.getElementById('register').addEventListener('click', guarded(register));
document.getElementById('signin').addEventListener('click', guarded(signIn));
document.getElementById('signin-phone').addEventListener('click', guarded(() => signIn(['hybrid'])));
