package io.github.ssosync.provider.google.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
    String setting = "serviceAccountKey \"" + file + "\"";
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
   * @param credentials credentials the embedder gave, or Application Default Credentials
   * @param delegatedAdmin the admin to act as, or null
   * @param scopes the scopes
   * @return the credentials, scoped and delegated where they can be
   */
  public static GoogleCredentials prepare(
      GoogleCredentials credentials, @Nullable String delegatedAdmin, Collection<String> scopes) {
    GoogleCredentials scoped =
        credentials.createScopedRequired() ? credentials.createScoped(scopes) : credentials;
    if (delegatedAdmin != null && scoped instanceof ServiceAccountCredentials sa) {
      return sa.createDelegated(delegatedAdmin);
    }
    return scoped;
  }
}
