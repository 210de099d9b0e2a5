package io.github.ssosync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Writes a store through the SCIM endpoint the way awslabs/ssosync writes it, so that a take-over
 * can be tested against what that tool leaves behind. The shapes are those of its SCIM client
 * (internal/aws/users.go, groups.go and client.go, tags v2.4.0 to v2.6.3):
 *
 * <ul>
 *   <li>a user is {@code POST /Users} with {@code userName} = the primary email, {@code name} given
 *       and family, {@code displayName} = given and family joined by one space, {@code active} =
 *       not suspended, one email of type {@code work} marked primary, and one address of type
 *       {@code work} with no other field;
 *   <li>a group is {@code POST /Groups} with {@code displayName} and an empty {@code members} list;
 *       its name is the Google group's email with {@code --sync-method users_groups} (SyncGroups:
 *       {@code NewGroup(g.Email, ...)}) and the Google group's name with the default {@code
 *       --sync-method groups} (SyncGroupsUsers, getGroupOperations: {@code NewGroup(gGroup.Name,
 *       ...)}); ssosync sets no description;
 *   <li>from v2.5.0 both carry {@code externalId} = the Google id; before, none;
 *   <li>a membership is {@code PATCH /Groups/{id}} with one {@code add} of path {@code members}.
 * </ul>
 */
final class SsosyncLayout {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private final IdentityCenterEmulator aws;
  private final boolean externalIds;
  private final boolean groupsByEmail;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param aws the emulator to fill
   * @param externalIds whether ssosync wrote externalId (v2.5.0 and later)
   * @param groupsByEmail whether groups are named by email ({@code --sync-method users_groups})
   */
  SsosyncLayout(IdentityCenterEmulator aws, boolean externalIds, boolean groupsByEmail) {
    this.aws = aws;
    this.externalIds = externalIds;
    this.groupsByEmail = groupsByEmail;
  }

  /** Creates a user as ssosync does; returns its id. */
  String user(DirectoryUser u) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
    body.put("userName", u.primaryEmail());
    if (externalIds) {
      body.put("externalId", u.id());
    }
    body.putObject("name").put("familyName", u.familyName()).put("givenName", u.givenName());
    body.put("displayName", u.givenName() + " " + u.familyName());
    body.put("active", !u.suspended());
    body.putArray("emails")
        .addObject()
        .put("value", u.primaryEmail())
        .put("type", "work")
        .put("primary", true);
    body.putArray("addresses").addObject().put("type", "work");
    return send("POST", "Users", body).path("id").asText();
  }

  /** Creates a group as ssosync does, then adds its members one PATCH each; returns its id. */
  String group(DirectoryGroup g, List<String> memberIds) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    body.put("displayName", groupsByEmail ? g.email() : g.name());
    if (externalIds) {
      body.put("externalId", g.id());
    }
    body.putArray("members");
    String id = send("POST", "Groups", body).path("id").asText();
    for (String member : memberIds) {
      ObjectNode patch = JSON.createObjectNode();
      patch.putArray("schemas").add(PATCH_OP);
      ObjectNode op = patch.putArray("Operations").addObject();
      op.put("op", "add").put("path", "members");
      ArrayNode value = op.putArray("value");
      value.addObject().put("value", member);
      send("PATCH", "Groups/" + id, patch);
    }
    return id;
  }

  /**
   * Lays out users and groups, each group with the users (by email) ssosync put in it.
   *
   * @param users the users
   * @param groups each group with the emails of its members
   */
  void layOut(List<DirectoryUser> users, Map<DirectoryGroup, List<String>> groups) {
    Map<String, String> ids = new java.util.HashMap<>();
    for (DirectoryUser u : users) {
      ids.put(u.primaryEmail(), user(u));
    }
    groups.forEach((g, emails) -> group(g, emails.stream().map(ids::get).toList()));
  }

  private JsonNode send(String method, String path, ObjectNode body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(aws.scimEndpoint() + path))
            .header("Authorization", "Bearer " + aws.scimToken())
            .header("Content-Type", "application/scim+json")
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + path + ": " + response.body());
      }
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
