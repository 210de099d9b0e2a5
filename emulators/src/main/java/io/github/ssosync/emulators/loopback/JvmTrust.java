package io.github.ssosync.emulators.loopback;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust in emulators' certificates for every {@code HttpsURLConnection} of this JVM, on top of the
 * JVM's own certificate authorities: what the Google clients use when a tool builds its own
 * transport (google-auth reading a federation configuration file). Installed once; certificates of
 * emulators started later are added to it.
 */
final class JvmTrust {
  private static final Set<X509Certificate> TRUSTED = ConcurrentHashMap.newKeySet();
  private static volatile boolean installed;

  private JvmTrust() {}

  static synchronized void add(X509Certificate certificate) {
    TRUSTED.add(certificate);
    if (installed) {
      return;
    }
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      X509TrustManager jvm = null;
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          jvm = x;
        }
      }
      X509TrustManager defaults = java.util.Objects.requireNonNull(jvm);
      X509TrustManager both =
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
              defaults.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
              if (chain.length == 1 && TRUSTED.contains(chain[0])) {
                return;
              }
              defaults.checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return defaults.getAcceptedIssuers();
            }
          };
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {both}, null);
      HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
      installed = true;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
