package io.github.ssosync.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;

/**
 * Someone else editing the store: the real Identity Store SDK client with its own user agent, and
 * SCIM calls from another provisioning tool's user agent.
 */
final class HandEdits implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final IdentitystoreClient sdk;
  private final IdentityCenterEmulator emulator;
  private final HttpClient http = HttpClient.newHttpClient();

  HandEdits(IdentityCenterEmulator emulator) {
    this.emulator = emulator;
    this.sdk =
        IdentitystoreClient.builder()
            .endpointOverride(emulator.identityStoreEndpoint())
            .region(Region.of(emulator.region()))
            .credentialsProvider(AwsFixture.CREDENTIALS)
            .overrideConfiguration(
                o -> o.putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, "hand-tool"))
            .build();
  }

  String store() {
    return emulator.identityStoreId();
  }

  String createUser(String name) {
    return sdk.createUser(
            r ->
                r.identityStoreId(store())
                    .userName(name)
                    .displayName(name)
                    .name(n -> n.givenName("Hand").familyName(name)))
        .userId();
  }

  String createGroup(String name) {
    return sdk.createGroup(r -> r.identityStoreId(store()).displayName(name)).groupId();
  }

  String addMember(String groupId, String userId) {
    return sdk.createGroupMembership(
            r -> r.identityStoreId(store()).groupId(groupId).memberId(m -> m.userId(userId)))
        .membershipId();
  }

  /** SCIM from another tool: returns the answer's body (null for 204). */
  JsonNode scim(String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(emulator.scimEndpoint() + path))
            .header("Authorization", "Bearer " + emulator.scimToken())
            .header("User-Agent", "Okta SCIM Client 1.0")
            .header("Content-Type", "application/scim+json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException("SCIM " + method + " " + path + ": " + r.body());
      }
      return r.body().isEmpty() ? null : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String scimCreateUser(String name) {
    return scim(
            "POST",
            "Users",
            "{\"userName\":\""
                + name
                + "\",\"displayName\":\""
                + name
                + "\",\"name\":{\"givenName\":\"Okta\",\"familyName\":\""
                + name
                + "\"},\"active\":true}")
        .path("id")
        .asText();
  }

  void scimAddMember(String groupId, String userId) {
    scim(
        "PATCH",
        "Groups/" + groupId,
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":"
            + "\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
            + userId
            + "\"}]}]}");
  }

  @Override
  public void close() {
    sdk.close();
  }
}
