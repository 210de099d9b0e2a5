package io.github.ssosync.emulators.loopback;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS identity for 127.0.0.1 made at run time: an RSA key and a self-signed X.509 v3 certificate
 * (RFC 5280) with the subject alternative name IP 127.0.0.1, so that clients that insist on https
 * (google-auth refuses http token and impersonation URLs for federation) can reach an emulator.
 * Nothing is stored; the certificate lives two days.
 */
final class SelfSignedTls {
  private static final char[] PASSWORD = "loopback".toCharArray();
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private static @org.jspecify.annotations.Nullable SelfSignedTls shared;

  private final SSLContext server;
  private final X509Certificate certificate;

  /** One identity for every emulator of this JVM: making an RSA key costs up to a second. */
  static synchronized SelfSignedTls shared() {
    if (shared == null) {
      shared = new SelfSignedTls();
    }
    return shared;
  }

  private SelfSignedTls() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      certificate = certificate(pair);
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("loopback", pair.getPrivate(), PASSWORD, new Certificate[] {certificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, PASSWORD);
      server = SSLContext.getInstance("TLS");
      server.init(kmf.getKeyManagers(), null, null);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot make a TLS identity for 127.0.0.1", e);
    }
  }

  SSLContext serverContext() {
    return server;
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** A client context that trusts this certificate only. */
  SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("loopback", certificate);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, tmf.getTrustManagers(), null);
      return client;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate certificate(KeyPair pair)
      throws GeneralSecurityException, java.io.IOException {
    byte[] sha256WithRsa =
        der(
            0x30,
            cat(oid(0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B), new byte[] {5, 0}));
    byte[] name =
        der(
            0x30,
            der(
                0x31,
                der(
                    0x30,
                    cat(
                        oid(0x55, 0x04, 0x03),
                        der(0x0C, "127.0.0.1".getBytes(StandardCharsets.UTF_8))))));
    Instant now = Instant.now();
    byte[] validity =
        der(
            0x30,
            cat(
                der(
                    0x17,
                    UTC_TIME
                        .format(now.minus(Duration.ofHours(1)))
                        .getBytes(StandardCharsets.US_ASCII)),
                der(
                    0x17,
                    UTC_TIME
                        .format(now.plus(Duration.ofDays(2)))
                        .getBytes(StandardCharsets.US_ASCII))));
    // subjectAltName: GeneralNames { iPAddress [7] 127.0.0.1 }
    byte[] san = der(0x30, der(0x87, new byte[] {127, 0, 0, 1}));
    byte[] extensions = der(0xA3, der(0x30, der(0x30, cat(oid(0x55, 0x1D, 0x11), der(0x04, san)))));
    byte[] tbs =
        der(
            0x30,
            cat(
                der(0xA0, der(0x02, new byte[] {2})),
                der(
                    0x02,
                    new BigInteger(64, new java.security.SecureRandom())
                        .add(BigInteger.ONE)
                        .toByteArray()),
                sha256WithRsa,
                name,
                validity,
                name,
                pair.getPublic().getEncoded(),
                extensions));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(pair.getPrivate());
    signer.update(tbs);
    byte[] signature = signer.sign();
    byte[] bitString = cat(new byte[] {0}, signature);
    byte[] cert = der(0x30, cat(tbs, sha256WithRsa, der(0x03, bitString)));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(cert));
  }

  private static byte[] oid(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return der(0x06, b);
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n & 0xFF);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
