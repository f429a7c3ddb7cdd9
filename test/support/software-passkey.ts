import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

/**
 * A software WebAuthn authenticator for HTTP-level tests: one ES256 key pair, its COSE public
 * key (what a registration stores) and signed assertions (what navigator.credentials.get()
 * returns), built byte by byte as the spec lays them out. The browser test uses Chromium's own
 * virtual authenticator; this one lets tests reach every branch of the verify route without one.
 */
export class SoftwarePasskey {
  readonly credentialId = randomBytes(32).toString('base64url');
  private readonly privateKey: KeyObject;
  /** COSE_Key (RFC 9053) of the public key: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}. */
  readonly cosePublicKey: Buffer;
  counter = 0;

  constructor(
    private readonly rpId: string,
    private readonly origin: string,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    const x = Buffer.from(jwk.x!, 'base64url');
    const y = Buffer.from(jwk.y!, 'base64url');
    // CBOR: map(5), 1:2, 3:-7, -1:1, -2:bytes(32) x, -3:bytes(32) y.
    this.cosePublicKey = Buffer.concat([Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]), x, Buffer.from([0x22, 0x58, 0x20]), y]);
  }

  /** What navigator.credentials.create() returns, as @simplewebauthn/browser posts it: attestation
   *  "none", the attested credential data carrying this key. */
  attestation(challenge: string): Record<string, unknown> {
    const id = Buffer.from(this.credentialId, 'base64url');
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      createHash('sha256').update(this.rpId).digest(),
      // User present, user verified, attested credential data included.
      Buffer.from([0x45]),
      Buffer.alloc(4),
      Buffer.alloc(16),
      idLength,
      id,
      this.cosePublicKey,
    ]);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(authData.length);
    // CBOR: {"fmt": "none", "attStmt": {}, "authData": bytes}.
    const attestationObject = Buffer.concat([
      Buffer.from([0xa3, 0x63]),
      Buffer.from('fmt'),
      Buffer.from([0x64]),
      Buffer.from('none'),
      Buffer.from([0x67]),
      Buffer.from('attStmt'),
      Buffer.from([0xa0, 0x68]),
      Buffer.from('authData'),
      Buffer.from([0x59]),
      length,
      authData,
    ]);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge, origin: this.origin, crossOrigin: false }));
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      clientExtensionResults: {},
      response: { clientDataJSON: clientDataJSON.toString('base64url'), attestationObject: attestationObject.toString('base64url'), transports: ['internal'] },
    };
  }

  /** The JSON @simplewebauthn/browser would post for `challenge`; `options` alter one part. */
  assertion(challenge: string, userId: string, options: { userVerified?: boolean; origin?: string; tamper?: boolean } = {}): Record<string, unknown> {
    this.counter += 1;
    const flags = 0x01 | (options.userVerified === false ? 0 : 0x04);
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    const authenticatorData = Buffer.concat([createHash('sha256').update(this.rpId).digest(), Buffer.from([flags]), counter]);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin: options.origin ?? this.origin, crossOrigin: false }));
    const signer = createSign('SHA256');
    signer.update(Buffer.concat([authenticatorData, createHash('sha256').update(clientDataJSON).digest()]));
    const signature = signer.sign(this.privateKey);
    if (options.tamper) signature[signature.length - 1] ^= 0xff;
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authenticatorData.toString('base64url'),
        signature: signature.toString('base64url'),
        userHandle: Buffer.from(userId).toString('base64url'),
      },
    };
  }
}
