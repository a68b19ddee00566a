/**
 * PUBLIC DEMO KEYS — published in this repository on purpose, never used anywhere but this
 * simulator. Each demo account also has an Ed25519 and an RSA (2048-bit, PKCS#8) API key, so a
 * client can exercise all three of Binance's key types (PROTOCOL §3) and `session.logon`
 * (Ed25519 only) without configuration. The simulator keeps only the public halves for
 * verifying; the private PEMs are published for clients (`RunningSimulator.keys`, `npm run sim`).
 */
import type { AccountName } from './account-model';

/** An asymmetric demo API key. */
export interface AsymmetricDemoKey {
  readonly name: AccountName;
  readonly keyType: 'ED25519' | 'RSA';
  readonly apiKey: string;
  /** PKCS#8 PEM of the private key. Public demo material. */
  readonly privateKeyPem: string;
}

const pem = (...lines: string[]): string => `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;

/** The asymmetric demo keys: one Ed25519 and one RSA key per account. */
export const ASYMMETRIC_DEMO_KEYS: readonly AsymmetricDemoKey[] = [
  {
    name: 'oneway',
    keyType: 'ED25519',
    apiKey: 'WCuGcsInIeyFXlRFw2KfFkn0uv4eng9VCS3xq6XdH3FKmxDiN2zgZKpOBvMw22B9',
    privateKeyPem: pem(
      'MC4CAQAwBQYDK2VwBCIEIBdydXO3mjN7xd3KtL/8uMIq3dQJis1u8FKWVHNnc/23',
    ),
  },
  {
    name: 'hedge',
    keyType: 'ED25519',
    apiKey: 'IDBnnegcT7GoRRzqbLH5TSYZiAAGtDB8RwxNPkdE4Ig34VXMXgBkiLNL0FQfGGID',
    privateKeyPem: pem(
      'MC4CAQAwBQYDK2VwBCIEIOoQ89OFcusUZDtpQ2L1AgbFJMVHHwBlt+Dy28qjBSwh',
    ),
  },
  {
    name: 'oneway',
    keyType: 'RSA',
    apiKey: 'tai8uLgLoLKPUwBdhq3WAZ375kOu2OKfVDAHGVWJ8tLGbtsdbXGzWYl6Dqx0WyCZ',
    privateKeyPem: pem(
      'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQD6CONew/mPErZO',
      'd2fA2rwZnoj2xMGv4B+lMmkZDIKmUgC10yFWW8Abzh7NixO9L44Y6E3aDfkazEQe',
      'zIaycU3QdEieInZt3Z45RtK+eca77ZxXVRn34OUhjR7OPAlanEelpv0dFCFnPP9m',
      'TZW6XaIiVXj7/0d7kBAgpwegQUwC/ZgiNYOoVTVmEoZgpzDgmx869g8MNSw/uD+G',
      'DMZqgtXTqJd5N0UhTmEB3MfbawE2jHz2JrIAB6Hd++FpTlJnxtIbCNnmXRpSUtxe',
      '/DoA39pERHaApHp0KPDSuCFvGnVnFLGvzbmADCQpbJk3qMIS5KFTsHUZ6jfYKgFg',
      'jUomIdlfAgMBAAECggEAanPnTh0U/t+iI7U9xMO8CxJO0PWDWzyKbJySV3pWk7Zd',
      'HAy4aFqm54+x2KQqcsUw9BTPtJN3Z/vo0s4UWRvZW/NuSXl1v5/38f3f0v3o6XEo',
      'O5x9cmZbV5YMNBUmjF/2NyZqJHvCHwC+4lEM+uxLj9+hI3UT+50h6K0El6vFT43O',
      'TPECnsJTB5mEni7BGgJx5U2yvauW810TpVKa1DqGSz1mAuStHp6tqXAyr4sQIlSX',
      'BsLp0Hq0HwuUptJ+OwD2PdM6a4mIeU2grxIfXtjMhOeGGf3tl3/r0ga5KtPi1cDB',
      'Yb8s+qiDnCiiIoLkJsuc16Nyv1vLhUnlFZieyMSvgQKBgQD+AyQIUi0JthRqUzsQ',
      'wkM90nmYii3sq+1nSJUcYMfXzImk1Wwlyaay3bzpzYUAaDW4GCuAbRYHs+rp+0+g',
      'YNZZsAq4H4zIzeuKg7KX8HSfqoRXlNPEGGnYEcZ6JFLwgFpJEBBeWRLK3k/VwxZp',
      'UjGydAqRqFds9sV8/AZL1eo73wKBgQD7/cd8hbAAQTAkcztUzD8nv8UTlh0Pclvv',
      'WjSJDTDQn7W7wg81YwGPAoqYxet5a0IXHuALccpZ+aBEGGD+aXc++ySXKUYKTcol',
      'ct72dXf2+vwS0Jo/+yryu9jR8f+2nRqmsjQUn1j3Vkae8DTeITcp6UPe1vRhpQhJ',
      '4WUAeZwSgQKBgQDHRgOAm6dFlRiTCVSvIxfJalOGffDlWUPX4TNJngtpmsbpD53W',
      'T0p9zEMmUNtkpFxwXlXSXMIJrPZANa4ULaQ7nEXsiKPT7Og6NHNpi3SSxh0o8FLp',
      '5hUzM064B8MhdjBeXUHaIpsBmEKden0chyUB0NNxzdU4YKgyEy2FVP57lQKBgQDg',
      'FYpbAmtDnrSYBVzCiKq0x0USqNAI13JHw9ip82/wZcXvRJ/Pos5VBTaIqqA+phHs',
      'i4lCxBrkriZFx8QhGVpwSFb+kTZ2nTxg1ujNFCLtH74fYR96O/myRzeFYwU5uDVl',
      '/Vxw5k7wC+nbFtJ8od7zRzsSo+ZIGsDnKiduJ7aRgQKBgFWhYXXFzx+jtc/MHZ1q',
      'E3rFblR5gFZmzCUbs4CGypA4GDQzXQBM/aZ1f7rli9rdpUFKj+jV6959NOigest+',
      'N0t50v9JaTo4MmOzIKqHxmnoBrxD1LjmXeHi7vxc3gX57mQIEZP88r+i9x14vCKZ',
      'h5xxGt1UMikFTmHuFLYdw20n',
    ),
  },
  {
    name: 'hedge',
    keyType: 'RSA',
    apiKey: 'Rcq3MxA0D191PQt77Je9mu9l0ML968mqLulVK4PVCgViowNjXU2bEuf58Fu8HpAx',
    privateKeyPem: pem(
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDyxD1gs72qxNqE',
      'VGlwSROg7GSBxJF4guJTbm1MnOKk0wTrhY0sWskHn92nGGzpEDN1ODHZvB6ya2pC',
      'MaU65SQ0V+Izhxx/42f777kl5nL+X8Mhzhd20vDFhQkegVR956wWrjG1LZ7/DQ2N',
      'iTHpOwHiylkxTge8tnVcDWEXDp9BC9cstFnAR149pIrhNphshBi2R9Xc4apwe2Ar',
      'U3Aa7LdjHYgabdbUrteHSlcr2zXrEgcOs3hD69A+uqDsAyspZ1y88gI9F1kWzlFP',
      'lHmYM+lnCSCUWsY+9zInT2jL19kAYlOrBeO+tvsfQDgFC2Uk2qvztKO/EFVn8s4B',
      'QzsYsYL9AgMBAAECggEADCC1mEEidoeDCx1UbyGXc3CbzMfPJKAVQmm/2BX2VJme',
      'I032sYKPjGv2HMThm/sNNwvpoaD+P5eSJWBpirmrx1mkmUJksBbiOPnO3A/ZKtAJ',
      '5YRwM6VyFcwBmp6HZArQ1Ak7vnta+A7k4G88KRSjkXreXdIyHMFYt5KLiSVX213t',
      'JydehG9l4RcgACz8GsHoRDCAO65gKsBuSulPdZt5xbjyXOhfYaECNi5duSWHAisS',
      'f+oTej22rp+8ZIkd104RfC1qcTdm3MysD7Y02YTjRuFKwO6G8j8QFroAOgyMTAFy',
      'JuG8C2pu8EmV1fWoJf4dSLAf39OhpcHRXX0f47n3wQKBgQD7r7Um+1lFHeMzYFm4',
      'O8MOoXGYAb1kRxEtiDmpNbXstnRNqTzeAyAi1e+IVIA41ku+S5kWJlv0wOIvQ1Em',
      'VP7jmntaGl6Un3SogXFL4mlvJbVWPJzQDPIQAvsyH5Wumg7GVmQFfDj7wxyzWJYX',
      'ZFSMH7GcFvKZN3cOx2GQVfEtmQKBgQD27WVXsOtqP7xAkdTg1gz2No5FqTUs5VdZ',
      'oMk12yHigel+yw3rXpXBbFgoLKSiFvUlp7DfMpSiEoib3H8qLCV6reMjeQ7Fs5gl',
      'Qa8ZFsTxH/kd1YfczP7aEMYkh0qVUqRj3QH4wUgsf5jL3SIZZBSleTL+5y1qIsNw',
      'doUi9AX3BQKBgArVbGHKLfSIrc/3VMVWZTYLAv29DW70lCu2kmzTMAqJbAYvw7v2',
      'vHpjZRUkNgS8TLRbQrKuYgTuDI5mQmb4/6PCcY7WVb3mAzqBn+PZUhqDsAOPRly6',
      'Qe0og7GLpIDIhtxIubN2vmkv49tgc8179xu0/Ysvfa/UsF5FfNCesmv5AoGBAJIs',
      'fm2m4fWHvV1L9wUSMaIfMaGzRTNKoKcCM5qaGjkIRr00Xw0SdPyHsrg1lVAO3xhn',
      'aKD4RFydNBlwMic48wbooSmCpGgMpOiJNapYfEVxc/thSIhBIizc+S7umAxFW+Ny',
      'FZS4do1BC6bDRUhaoo5CbRnQqGXIJoIQ50eFxXIxAoGATd0DFTrgtSTbF9z9GZ6E',
      'GhBIp0DNoCEKewyN/WUTDMsTOhGbPRVlWA7SCgPyQmVhmsxG6x8WeUcLH3ZCxdoP',
      '01r8mfFxTL89bQNP56WPI32vVvHX6ejJ84sWuSXzg/hfFzRb2tFY90BRCFS4ExrH',
      'IXar498oxaZlJrQpXJ9RB0E=',
    ),
  },
];
