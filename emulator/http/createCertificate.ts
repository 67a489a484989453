import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
}

/**
 * A fresh self-signed certificate for 127.0.0.1. It is its own CA, so clients
 * trust it by passing the PEM as `tlsOptions: { ca }` and never need to switch
 * certificate checks off. EC keys keep start-up in the tens of milliseconds.
 */
export async function createCertificate(): Promise<Certificate> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
