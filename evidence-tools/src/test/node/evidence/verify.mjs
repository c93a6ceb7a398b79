// An independent check of an evidence bundle (docs/transactions.md), sharing no code with
// evidence-tools: jose for the JWS, canonicalize for RFC 8785, cbor2 for the COSE key, Node's crypto
// for the hashes and the ES256 WebAuthn signature. Usage: node verify.mjs BUNDLE_FILE KEYS_FILE
// Prints {"valid", "checks": [{"check", "ok", "detail"}]}; exit 0 when every check passed, 1 when one
// failed, 2 when the input cannot be read. Run by NodeEvidenceCheckTests; bin/test installs the modules.
import { readFileSync } from 'node:fs';
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import canonicalize from 'canonicalize';
import { decode as decodeCbor } from 'cbor2';

const sha256 = (...parts) => {
  const hash = createHash('sha256');
  parts.forEach((part) => hash.update(part));
  return hash.digest();
};
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const fromB64url = (text) => Buffer.from(text, 'base64url');
const utf8 = (text) => Buffer.from(text, 'utf8');

const checks = [];
const check = async (name, run) => {
  try {
    const detail = await run();
    checks.push({ check: name, ok: true, detail });
  } catch (error) {
    checks.push({ check: name, ok: false, detail: String(error.message ?? error) });
  }
};
const expect = (condition, message) => {
  if (!condition) throw new Error(message);
};

let bundle;
let jwks;
let evidence;
let clientData;
try {
  bundle = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  jwks = createLocalJWKSet(JSON.parse(readFileSync(process.argv[3], 'utf8')));
  expect(bundle.format === 'biometric-core/evidence-bundle/v1', 'not an evidence bundle');
  evidence = JSON.parse(fromB64url(bundle.evidence.split('.')[1]).toString('utf8'));
  clientData = JSON.parse(fromB64url(evidence.assertion.clientDataJSON).toString('utf8'));
} catch (error) {
  console.error(`cannot read: ${error.message}`);
  process.exit(2);
}

await check('platform_signature', async () => {
  const header = decodeProtectedHeader(bundle.evidence);
  expect(header.typ === 'bc-evidence+json', `typ is ${header.typ}`);
  const { payload } = await compactVerify(bundle.evidence, jwks, { algorithms: ['ES256'] });
  expect(Buffer.compare(Buffer.from(payload), utf8(canonicalize(evidence))) === 0, 'the payload is not canonical');
  return `ES256 by ${header.kid}`;
});

await check('transaction_hash', async () => {
  const hash = b64url(sha256(utf8(canonicalize(evidence.transaction))));
  expect(hash === evidence.transactionHash, `SHA-256(JCS(transaction)) is ${hash}, not ${evidence.transactionHash}`);
  expect(evidence.transaction.id === bundle.transactionId, 'the evidence is of another transaction');
  return hash;
});

await check('challenge_binding', async () => {
  const derived = b64url(sha256(fromB64url(evidence.challenge.nonce), fromB64url(evidence.transactionHash)));
  expect(derived === evidence.challenge.value, 'challenge.value is not SHA-256(nonce || transactionHash)');
  expect(clientData.challenge === derived, 'clientDataJSON.challenge is not the derived challenge');
  return derived;
});

await check('webauthn_signature', async () => {
  const cose = decodeCbor(fromB64url(evidence.credential.publicKey));
  expect(cose.get(1) === 2 && cose.get(3) === -7 && cose.get(-1) === 1, 'not an ES256 P-256 COSE key');
  const key = createPublicKey({
    format: 'jwk',
    key: { kty: 'EC', crv: 'P-256', x: b64url(cose.get(-2)), y: b64url(cose.get(-3)) },
  });
  const authenticatorData = fromB64url(evidence.assertion.authenticatorData);
  const signed = Buffer.concat([authenticatorData, sha256(fromB64url(evidence.assertion.clientDataJSON))]);
  // WebAuthn ES256 signatures are DER (WebAuthn §6.5.6); Node's verify reads DER itself.
  expect(verifySignature('sha256', signed, { key, dsaEncoding: 'der' }, fromB64url(evidence.assertion.signature)),
    'the signature does not verify');
  expect(Buffer.compare(authenticatorData.subarray(0, 32), sha256(utf8(evidence.relyingParty.rpId))) === 0,
    'rpIdHash is not SHA-256(rpId)');
  expect((authenticatorData[32] & 0x05) === 0x05, 'UP and UV are not both set');
  return `by credential ${evidence.assertion.credentialId}`;
});

// The audit leaf input of audit-tools' AuditEntry.leafInput: the event's members and its index,
// keys sorted, absent values null; with only strings, integers and nulls that is the JCS form.
const leafInput = (event, leafIndex) => {
  const members = { leafIndex };
  for (const name of ['tenantId', 'occurredAt', 'eventType', 'eventClass', 'outcome', 'reason', 'actorType',
    'actorId', 'customerId', 'deviceId', 'credentialId', 'sessionId', 'channel', 'correlationId', 'networkKeyId',
    'networkData', 'personalKeyId', 'personalData']) {
    members[name] = event[name] ?? null;
  }
  if (event.occurrences != null) {
    members.occurrences = event.occurrences;
    members.lastOccurredAt = event.lastOccurredAt;
  }
  return utf8(canonicalize(members));
};
const leafHash = (input) => sha256(Buffer.from([0x00]), input);
const nodeHash = (left, right) => sha256(Buffer.from([0x01]), left, right);

await check('audit_inclusion', async () => {
  const event = bundle.auditEvent;
  const proof = bundle.inclusionProof;
  expect(event.eventType === 'transaction.approved', `the audit event is ${event.eventType}`);
  expect(event.reason === `sha256:${b64url(sha256(Buffer.from(bundle.evidence, 'ascii')))}`,
    'the audit event does not name this JWS');
  expect(proof != null, 'no inclusion proof');
  let hash = leafHash(leafInput(event, proof.leafIndex));
  expect(b64url(hash) === proof.leafHash, 'the leaf hash is not the audit event\'s');
  // RFC 9162 §2.1.3.2
  let fn = proof.leafIndex;
  let sn = proof.treeSize - 1;
  expect(fn < proof.treeSize, 'leafIndex is outside the tree');
  for (const element of proof.auditPath.map(fromB64url)) {
    expect(sn !== 0, 'the audit path is too long');
    if (fn % 2 === 1 || fn === sn) {
      hash = nodeHash(element, hash);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      hash = nodeHash(hash, element);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  expect(sn === 0 && b64url(hash) === proof.treeHead.rootHash, 'the audit path does not reach the root');
  const { payload } = await compactVerify(proof.treeHead.jws, jwks, { algorithms: ['ES256'] });
  const head = JSON.parse(Buffer.from(payload).toString('utf8'));
  expect(head.rootHash === proof.treeHead.rootHash && head.treeSize === proof.treeSize
    && head.tenantId === evidence.tenantId && head.timestamp === Date.parse(proof.treeHead.timestamp),
    'the signed tree head states other values');
  return `leaf ${proof.leafIndex} of ${proof.treeSize} under a signed root`;
});

const valid = checks.every((c) => c.ok);
console.log(JSON.stringify({ valid, checks }, null, 2));
process.exit(valid ? 0 : 1);
