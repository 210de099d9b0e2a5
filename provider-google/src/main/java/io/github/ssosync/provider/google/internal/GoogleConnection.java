package io.github.ssosync.provider.google.internal;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.AwsSecurityCredentialsSupplier;
import com.google.auth.oauth2.GoogleCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a Google API client of ours is reached: the credentials (one of four ways, or a ready client
 * the caller brings), the delegated admin, the keyless signer, the endpoints and the timeouts. The
 * Directory source and the Reports feed take the same settings; each builder holds one of these and
 * resolves it with the scopes its API needs.
 */
public final class GoogleConnection {
  /** Any credentials, scoped and delegated here if they need it. */
  public @Nullable GoogleCredentials credentials;

  /** A service account's JSON key. */
  public @Nullable Path keyFile;

  /** Any Google credentials file. */
  public @Nullable Path credentialsFile;

  /** AWS credentials for federation from AWS. */
  public @Nullable AwsSecurityCredentialsSupplier aws;

  /** Whether to use Application Default Credentials. */
  public boolean applicationDefault;

  /** The admin a service account acts as. */
  public @Nullable String delegatedAdmin;

  /** The service account that signs keyless delegation. */
  public @Nullable String serviceAccount;

  /** The OAuth token endpoint for keyless delegation. */
  public @Nullable URI tokenUri;

  /** The IAM Credentials API root. */
  public @Nullable URI iamCredentialsRoot;

  /** Connect timeout of every call. */
  public Duration connectTimeout = Duration.ofSeconds(10);

  /** Read timeout of every call. */
  public Duration readTimeout = Duration.ofSeconds(60);

  /**
   * Checks that exactly one way to authenticate is set.
   *
   * @param readyClient whether the caller brought a ready client (which brings its own)
   * @param clientSetting the builder's name of that client setting, for the message
   * @param problems where to add what is wrong
   * @return whether credentials must be resolved here (one way set, and no ready client)
   */
  public boolean check(boolean readyClient, String clientSetting, List<String> problems) {
    int ways =
        (credentials != null ? 1 : 0)
            + (keyFile != null ? 1 : 0)
            + (credentialsFile != null ? 1 : 0)
            + (applicationDefault ? 1 : 0)
            + (readyClient ? 1 : 0);
    String all =
        "credentialsFile, serviceAccountKey, credentials, applicationDefaultCredentials or "
            + clientSetting;
    if (ways == 0) {
      problems.add("credentials: set one of " + all);
    } else if (ways > 1) {
      problems.add("credentials: set only one of " + all);
    }
    return ways == 1 && !readyClient;
  }

  /**
   * Resolves the credentials, scoped and delegated.
   *
   * @param scopes the scopes the API needs
   * @param problems where to add what is wrong
   * @return the credentials, or null when a problem was added
   */
  public @Nullable GoogleCredentials resolve(List<String> scopes, List<String> problems) {
    if (keyFile != null) {
      if (serviceAccount != null) {
        problems.add(
            "serviceAccount: not used with a service-account key, which signs as its own"
                + " account; drop one of them");
        return null;
      }
      return CredentialsLoader.fromKeyFile(keyFile, delegatedAdmin, scopes, problems);
    }
    if (credentials != null) {
      return CredentialsLoader.delegate(
          credentials,
          delegatedAdmin,
          serviceAccount,
          tokenUri,
          iamCredentialsRoot,
          scopes,
          problems);
    }
    return CredentialsFile.delegated(
        credentialsFile,
        "credentialsFile",
        delegatedAdmin,
        serviceAccount,
        tokenUri,
        iamCredentialsRoot,
        aws,
        scopes,
        problems);
  }

  /**
   * @param resolved the credentials from {@link #resolve}
   * @return what every request of a client built on them needs: the credentials and the timeouts
   */
  public HttpRequestInitializer initializer(@Nullable GoogleCredentials resolved) {
    HttpCredentialsAdapter auth = new HttpCredentialsAdapter(Objects.requireNonNull(resolved));
    int connect = (int) connectTimeout.toMillis();
    int read = (int) readTimeout.toMillis();
    return request -> {
      auth.initialize(request);
      request.setConnectTimeout(connect);
      request.setReadTimeout(read);
    };
  }

  /**
   * Checks a root URL.
   *
   * @param setting the builder's name of it
   * @param rootUrl the URL, ending with '/'
   * @param example a good value, for the message
   * @param problems where to add what is wrong
   */
  public static void checkRoot(
      String setting, String rootUrl, String example, List<String> problems) {
    try {
      URI uri = URI.create(rootUrl);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
          || uri.getHost() == null) {
        problems.add(setting + " \"" + rootUrl + "\": must be an http(s) URL such as " + example);
      }
    } catch (IllegalArgumentException e) {
      problems.add(setting + " \"" + rootUrl + "\": is not a URL");
    }
  }
}
