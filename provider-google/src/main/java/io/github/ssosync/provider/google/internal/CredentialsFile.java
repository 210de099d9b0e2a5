package io.github.ssosync.provider.google.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.AwsCredentials;
import com.google.auth.oauth2.AwsSecurityCredentialsSupplier;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads any Google credentials file a user may hold: a service-account key, a Workload Identity
 * Federation configuration ({@code external_account}, as {@code gcloud iam workload-identity-pools
 * create-cred-config} writes it), a user's Application Default Credentials ({@code
 * authorized_user}) or impersonated ones ({@code impersonated_service_account}). Every way it can
 * be wrong becomes one problem naming the file and the fix; nothing secret is quoted.
 */
public final class CredentialsFile {
  /**
   * A workload identity pool provider's full resource name: the project's number, not its id
   * (Workload Identity Federation, "Create the credential configuration").
   */
  private static final Pattern WORKLOAD_AUDIENCE =
      Pattern.compile(
          "//iam\\.googleapis\\.com/projects/\\d+/locations/global/workloadIdentityPools/[^/]+/providers/[^/]+");

  private CredentialsFile() {}

  /**
   * @param file the file
   * @param aws where AWS federation gets its AWS credentials (null: google-auth's own, from the
   *     environment or the EC2 metadata server)
   * @param problems where problems go, each naming {@code credentialsFile}
   * @return what the file holds, unscoped and not yet delegated (a key: already delegated when
   *     {@code delegatedAdmin} is set), or null when there were problems
   */
  public static @Nullable Loaded read(
      Path file, @Nullable AwsSecurityCredentialsSupplier aws, List<String> problems) {
    String setting = "credentialsFile \"" + file + "\"";
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      problems.add(
          setting
              + ": file not found; give a federation configuration (gcloud iam"
              + " workload-identity-pools create-cred-config), a service-account key, or adc");
      return null;
    } catch (IOException e) {
      problems.add(setting + ": cannot be read (" + e.getClass().getSimpleName() + ")");
      return null;
    }
    return parse(bytes, setting, aws, problems);
  }

  /**
   * @param bytes a credentials file's content
   * @param setting how problems name it, such as {@code credentialsFile "path"}
   * @param aws where AWS federation gets its AWS credentials, or null
   * @param problems where problems go
   * @return what it holds, or null when there were problems
   */
  public static @Nullable Loaded parse(
      byte[] bytes,
      String setting,
      @Nullable AwsSecurityCredentialsSupplier aws,
      List<String> problems) {
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(bytes);
    } catch (IOException e) {
      problems.add(setting + ": is not valid JSON; it should be a Google credentials file");
      return null;
    }
    if (json == null || !json.isObject()) {
      problems.add(setting + ": is not a JSON object; it should be a Google credentials file");
      return null;
    }
    String type = json.path("type").asText("");
    switch (type) {
      case "service_account" -> {
        return new Loaded(type, null);
      }
      case "external_account" -> {
        String audience = json.path("audience").asText("");
        if (!WORKLOAD_AUDIENCE.matcher(audience).matches()) {
          problems.add(
              setting
                  + ": its audience \""
                  + audience
                  + "\" is not a workload identity pool provider; it must be"
                  + " //iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER"
                  + " (the project number, not its id)");
          return null;
        }
      }
      case "authorized_user", "impersonated_service_account" -> {}
      default -> {
        problems.add(
            setting
                + ": is "
                + (type.isEmpty() ? "not a Google credentials file" : "a " + type + " credential")
                + "; use a federation configuration (external_account), a service-account key,"
                + " a user's application default credentials, or adc");
        return null;
      }
    }
    try {
      GoogleCredentials credentials = GoogleCredentials.fromStream(new ByteArrayInputStream(bytes));
      return new Loaded(type, withAws(credentials, aws));
    } catch (IOException | RuntimeException e) {
      // The class name only: a parser's message may quote the file.
      problems.add(
          setting + ": cannot be used (" + e.getClass().getSimpleName() + "); make it again");
      return null;
    }
  }

  /**
   * Credentials from a file of any kind, or Application Default Credentials, delegated to the
   * admin: a key signs itself, anything else has the service account sign through {@code signJwt}.
   *
   * @param file the file, or null for Application Default Credentials
   * @param settingName the setting that named the file
   * @param delegatedAdmin the admin, or null
   * @param serviceAccount the account to sign as without a key, or null
   * @param tokenUri the token endpoint, or null for Google's
   * @param iamRoot the IAM Credentials root, or null for Google's
   * @param aws AWS credentials for federation, or null for google-auth's own lookup
   * @param scopes the scopes
   * @param problems where problems go
   * @return the credentials, or null when there were problems
   */
  public static @Nullable GoogleCredentials delegated(
      @Nullable Path file,
      String settingName,
      @Nullable String delegatedAdmin,
      @Nullable String serviceAccount,
      @Nullable URI tokenUri,
      @Nullable URI iamRoot,
      @Nullable AwsSecurityCredentialsSupplier aws,
      Collection<String> scopes,
      List<String> problems) {
    GoogleCredentials given;
    if (file != null) {
      Loaded loaded = read(file, aws, problems);
      if (loaded == null) {
        return null;
      }
      if (loaded.credentials() == null) {
        if (serviceAccount != null) {
          problems.add(
              "serviceAccount: not used with a service-account key, which signs as its own"
                  + " account; drop one of them");
          return null;
        }
        return CredentialsLoader.fromKeyFile(file, settingName, delegatedAdmin, scopes, problems);
      }
      given = loaded.credentials();
    } else {
      try {
        given = withAws(GoogleCredentials.getApplicationDefault(), aws);
      } catch (IOException e) {
        problems.add("applicationDefaultCredentials: none found (" + e.getMessage() + ")");
        return null;
      }
    }
    return CredentialsLoader.delegate(
        given, delegatedAdmin, serviceAccount, tokenUri, iamRoot, scopes, problems);
  }

  /**
   * Federation from AWS with these AWS credentials instead of google-auth's own lookup (environment
   * variables, then the EC2 metadata server), which misses ECS, EKS and profile credentials.
   *
   * @param credentials any credentials
   * @param aws the AWS credentials to sign with, or null
   * @return the credentials, with the supplier when they federate from AWS
   */
  public static GoogleCredentials withAws(
      GoogleCredentials credentials, @Nullable AwsSecurityCredentialsSupplier aws) {
    if (aws == null || !(credentials instanceof AwsCredentials federated)) {
      return credentials;
    }
    return AwsCredentials.newBuilder(federated)
        .setCredentialSource(null)
        .setAwsSecurityCredentialsSupplier(aws)
        .build();
  }

  /**
   * What a file held.
   *
   * @param type its {@code type}
   * @param credentials the credentials, or null for a service-account key (read as a key)
   */
  public record Loaded(String type, @Nullable GoogleCredentials credentials) {}
}
