package io.github.ssosync.provider.google.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.ComputeEngineCredentials;
import com.google.auth.oauth2.ExternalAccountCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ImpersonatedCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import io.github.ssosync.ConfigurationException;
import io.github.ssosync.provider.google.DelegatedCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Loads and checks Google credentials, turning every way a key file can be wrong into one message
 * that names the file and says how to fix it. Never puts key material in a message.
 */
public final class CredentialsLoader {
  private CredentialsLoader() {}

  /**
   * @param file a service-account key file
   * @param delegatedAdmin the admin to act as, or null
   * @param scopes the scopes
   * @param problems where problems go, each naming the setting
   * @return the credentials, or null when there were problems
   */
  public static @Nullable GoogleCredentials fromKeyFile(
      Path file,
      @Nullable String delegatedAdmin,
      Collection<String> scopes,
      List<String> problems) {
    return fromKeyFile(file, "serviceAccountKey", delegatedAdmin, scopes, problems);
  }

  /**
   * @param file a service-account key file
   * @param settingName the builder setting that named it
   * @param delegatedAdmin the admin to act as, or null
   * @param scopes the scopes
   * @param problems where problems go, each naming the setting
   * @return the credentials, or null when there were problems
   */
  public static @Nullable GoogleCredentials fromKeyFile(
      Path file,
      String settingName,
      @Nullable String delegatedAdmin,
      Collection<String> scopes,
      List<String> problems) {
    String setting = settingName + " \"" + file + "\"";
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      problems.add(
          setting
              + ": file not found; download the service account's JSON key from the Google Cloud console");
      return null;
    } catch (IOException e) {
      problems.add(setting + ": cannot be read (" + e.getClass().getSimpleName() + ")");
      return null;
    }
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(bytes);
    } catch (IOException e) {
      problems.add(
          setting
              + ": is not valid JSON; it should be the key file the Google Cloud console downloads");
      return null;
    }
    if (json == null || !json.isObject()) {
      problems.add(setting + ": is not a JSON object; it should be a service-account key file");
      return null;
    }
    String type = json.path("type").asText("");
    if (!type.equals("service_account")) {
      problems.add(
          setting
              + ": is "
              + (type.isEmpty() ? "not a Google credentials file" : "a " + type + " credential")
              + "; reading the directory as an admin (domain-wide delegation) needs a service_account key");
      return null;
    }
    for (String field : List.of("client_email", "private_key", "token_uri")) {
      if (json.path(field).asText("").isEmpty()) {
        problems.add(setting + ": lacks \"" + field + "\"; download a fresh key");
        return null;
      }
    }
    if (delegatedAdmin == null) {
      problems.add(
          "delegatedAdmin: required with a service-account key; the Directory API is read as a"
              + " Workspace admin (ssosync's --google-admin)");
      return null;
    }
    try {
      ServiceAccountCredentials credentials =
          ServiceAccountCredentials.fromStream(new ByteArrayInputStream(bytes));
      return credentials.createScoped(scopes).createDelegated(delegatedAdmin);
    } catch (IOException | RuntimeException e) {
      problems.add(
          setting
              + ": the key cannot be used ("
              + e.getClass().getSimpleName()
              + "); download a fresh key");
      return null;
    }
  }

  /**
   * Delegates credentials to the admin: a service-account key signs the assertion itself; any other
   * credentials have the service account sign it through IAM Credentials {@code signJwt} ({@link
   * DelegatedCredentials}).
   *
   * @param credentials credentials the embedder gave, or Application Default Credentials
   * @param delegatedAdmin the admin to act as, or null
   * @param serviceAccount the service account to sign as without a key, or null
   * @param tokenUri the token endpoint, or null for Google's
   * @param iamRoot the IAM Credentials API root, or null for Google's
   * @param scopes the scopes
   * @param problems where problems go, each naming the setting
   * @return the credentials, or null when there were problems
   */
  public static @Nullable GoogleCredentials delegate(
      GoogleCredentials credentials,
      @Nullable String delegatedAdmin,
      @Nullable String serviceAccount,
      @Nullable URI tokenUri,
      @Nullable URI iamRoot,
      Collection<String> scopes,
      List<String> problems) {
    if (credentials instanceof DelegatedCredentials delegated) {
      if ((serviceAccount != null && !serviceAccount.equalsIgnoreCase(delegated.serviceAccount()))
          || (delegatedAdmin != null
              && !delegatedAdmin.equalsIgnoreCase(delegated.delegatedAdmin()))) {
        problems.add(
            "serviceAccount and delegatedAdmin: the DelegatedCredentials given sign as "
                + delegated.serviceAccount()
                + " for "
                + delegated.delegatedAdmin()
                + "; set them in one place");
        return null;
      }
      return delegated;
    }
    if (delegatedAdmin == null) {
      problems.add(
          "delegatedAdmin: required; the Directory API is read as a Workspace admin"
              + " (domain-wide delegation), named in the signed assertion's sub");
    }
    if (credentials instanceof ServiceAccountCredentials key) {
      if (serviceAccount != null && !serviceAccount.equalsIgnoreCase(key.getClientEmail())) {
        problems.add(
            "serviceAccount \""
                + serviceAccount
                + "\": the key given is of "
                + key.getClientEmail()
                + "; a key signs as its own account, drop serviceAccount or use that key");
      }
      return problems.isEmpty()
          ? key.createScoped(scopes)
              .createDelegated(java.util.Objects.requireNonNull(delegatedAdmin))
          : null;
    }
    GoogleCredentials source = credentials;
    String account = serviceAccount;
    if (credentials instanceof ImpersonatedCredentials impersonated) {
      // The identity that may impersonate the account may also call signJwt on it (both are in
      // roles/iam.serviceAccountTokenCreator): sign with it directly, one grant fewer.
      source = impersonated.getSourceCredentials();
      account = account != null ? account : impersonated.getAccount();
    } else if (credentials instanceof ExternalAccountCredentials federated
        && account == null
        && federated.getServiceAccountEmail() != null) {
      account = federated.getServiceAccountEmail();
    }
    if (account == null) {
      problems.add(
          "serviceAccount: required with "
              + kind(credentials)
              + " credentials, which hold no key: the service account authorised for domain-wide"
              + " delegation, which signs the delegation through IAM Credentials signJwt (the"
              + " credentials need roles/iam.serviceAccountTokenCreator on it)");
    }
    if (!problems.isEmpty()) {
      return null;
    }
    DelegatedCredentials.Builder b =
        DelegatedCredentials.builder()
            .source(source)
            .serviceAccount(java.util.Objects.requireNonNull(account))
            .delegatedAdmin(java.util.Objects.requireNonNull(delegatedAdmin))
            .scopes(scopes);
    if (tokenUri != null) {
      b.tokenUri(tokenUri);
    }
    if (iamRoot != null) {
      b.iamCredentialsRoot(iamRoot);
    }
    try {
      return b.build();
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  /** The kind of credentials, as their users know it. */
  private static String kind(GoogleCredentials credentials) {
    if (credentials instanceof UserCredentials) {
      return "user (authorized_user)";
    }
    if (credentials instanceof ExternalAccountCredentials) {
      return "federated (external_account) without service_account_impersonation_url";
    }
    if (credentials instanceof ComputeEngineCredentials) {
      return "Compute Engine metadata server";
    }
    return credentials.getClass().getSimpleName();
  }
}
