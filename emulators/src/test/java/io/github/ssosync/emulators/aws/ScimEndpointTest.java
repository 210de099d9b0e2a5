package io.github.ssosync.emulators.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulated SCIM endpoint keeps the rules of the IAM Identity Center SCIM guide. */
class ScimEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final IdentityCenterEmulator aws = IdentityCenterEmulator.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    aws.close();
  }

  private record Answer(int status, JsonNode body) {}

  private Answer call(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(aws.scimEndpoint() + path))
            .header("Authorization", "Bearer " + aws.scimToken())
            .header("Content-Type", "application/scim+json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(
        r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
  }

  private static String user(String userName, String externalId) {
    return "{\"userName\":\""
        + userName
        + "\",\"externalId\":\""
        + externalId
        + "\","
        + "\"name\":{\"givenName\":\"G\",\"familyName\":\"F\"},\"displayName\":\"G F\","
        + "\"emails\":[{\"value\":\""
        + userName
        + "\",\"type\":\"work\",\"primary\":true}]}";
  }

  private String createUser(String userName) throws Exception {
    Answer a = call("POST", "Users", user(userName, "x-" + userName));
    assertThat(a.status()).isEqualTo(201);
    return a.body().path("id").asText();
  }

  private static String filter(String f) {
    return "?filter=" + URLEncoder.encode(f, StandardCharsets.UTF_8);
  }

  @Test
  void aConflictIsA409WithoutScimTypeInTheServiceShape() throws Exception {
    createUser("ann@example.com");
    Answer again = call("POST", "Users", user("ANN@example.com", "other"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().has("scimType")).isFalse();
    assertThat(again.body().path("status").asText()).isEqualTo("409");
    assertThat(again.body().path("schema").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(again.body().path("exceptionRequestId").asText()).isNotEmpty();
  }

  @Test
  void usersNeedTheirNamesAndOnePrimaryEmailAndNoGroups() throws Exception {
    assertThat(call("POST", "Users", "{\"userName\":\"a@x\",\"displayName\":\"A\"}").status())
        .isEqualTo(400);
    String twoEmails = user("b@x", "b").replace("}]}", "},{\"value\":\"c@x\",\"primary\":false}]}");
    assertThat(call("POST", "Users", twoEmails).status()).isEqualTo(400);
    String notPrimary = user("d@x", "d").replace("\"primary\":true", "\"primary\":false");
    assertThat(call("POST", "Users", notPrimary).status()).isEqualTo(400);
    String withGroups = user("e@x", "e").replace("{\"userName\"", "{\"groups\":[],\"userName\"");
    assertThat(call("POST", "Users", withGroups).status()).isEqualTo(400);
    Answer reserved = call("POST", "Groups", "{\"displayName\":\"AWSAdministrators\"}");
    assertThat(reserved.status()).isEqualTo(400);
    assertThat(reserved.body().path("detail").asText()).contains("reserved");
    assertThat(aws.users()).isEmpty();
  }

  @Test
  void listsPageByCursorOnlyWithAtMostOneHundred() throws Exception {
    for (int i = 0; i < 150; i++) {
      createUser("u" + i + "@example.com");
    }
    assertThat(call("GET", "Users?startIndex=1", null).status()).isEqualTo(400);
    assertThat(call("GET", "Users?count=101", null).status()).isEqualTo(400);
    assertThat(call("GET", "Users?count=0", null).status()).isEqualTo(400);
    // Without a cursor: one page, no way on.
    Answer plain = call("GET", "Users", null);
    assertThat(plain.body().path("Resources").size()).isEqualTo(100);
    assertThat(plain.body().path("totalResults").asInt()).isEqualTo(150);
    assertThat(plain.body().has("nextCursor")).isFalse();
    // With one: every user exactly once.
    Set<String> seen = new HashSet<>();
    String cursor = "";
    int pages = 0;
    do {
      Answer page =
          call(
              "GET",
              "Users?count=60&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
              null);
      assertThat(page.status()).isEqualTo(200);
      page.body()
          .path("Resources")
          .forEach(r -> assertThat(seen.add(r.path("id").asText())).isTrue());
      cursor = page.body().path("nextCursor").asText(null);
      pages++;
    } while (cursor != null);
    assertThat(seen).hasSize(150);
    assertThat(pages).isEqualTo(3);
    assertThat(call("GET", "Groups?cursor=bm90LW91cnM6MA%3D%3D", null).status()).isEqualTo(400);
  }

  @Test
  void filtersAreEqJoinedByAndInTheDocumentedCombinations() throws Exception {
    String id = createUser("ann@example.com");
    Answer byName = call("GET", "Users" + filter("userName eq \"ANN@example.com\""), null);
    assertThat(byName.body().path("Resources").get(0).path("id").asText()).isEqualTo(id);
    assertThat(
            call("GET", "Users" + filter("externalId eq \"x-ann@example.com\""), null)
                .body()
                .path("Resources")
                .size())
        .isEqualTo(1);
    assertThat(call("GET", "Users" + filter("userName sw \"ann\""), null).status()).isEqualTo(400);
    assertThat(
            call("GET", "Users" + filter("userName eq \"a\" or userName eq \"b\""), null).status())
        .isEqualTo(400);
    assertThat(call("GET", "Users" + filter("displayName eq \"G F\""), null).status())
        .isEqualTo(400);
    assertThat(
            call("GET", "Users" + filter("userName eq \"a\" and externalId eq \"b\""), null)
                .status())
        .isEqualTo(400);
    Answer group =
        call(
            "POST",
            "Groups",
            "{\"displayName\":\"R and D\",\"members\":[{\"value\":\"" + id + "\"}]}");
    String groupId = group.body().path("id").asText();
    // A quoted value may contain " and ".
    Answer byGroupName = call("GET", "Groups" + filter("displayName eq \"R and D\""), null);
    assertThat(byGroupName.body().path("Resources").size()).isEqualTo(1);
    // Group reads never return members.
    assertThat(byGroupName.body().path("Resources").get(0).path("members")).isEmpty();
    assertThat(call("GET", "Groups/" + groupId, null).body().path("members")).isEmpty();
    // Membership is asked with id and members.
    Answer member =
        call(
            "GET",
            "Groups" + filter("id eq \"" + groupId + "\" and members eq \"" + id + "\""),
            null);
    assertThat(member.body().path("Resources").size()).isEqualTo(1);
  }

  @Test
  void groupPatchesKeepTheGuidesRules() throws Exception {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      users.add(createUser("m" + i + "@example.com"));
    }
    String groupId = call("POST", "Groups", "{\"displayName\":\"ops\"}").body().path("id").asText();
    StringBuilder adds = new StringBuilder();
    for (String u : users) {
      adds.append(adds.length() == 0 ? "" : ",").append("{\"value\":\"").append(u).append("\"}");
    }
    String tooMany =
        "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[" + adds + "]}]}";
    assertThat(call("PATCH", "Groups/" + groupId, tooMany).status()).isEqualTo(400);
    String add =
        "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
            + users.get(0)
            + "\"}]}]}";
    assertThat(call("PATCH", "Groups/" + groupId, add).status()).isEqualTo(204);
    assertThat(
            call(
                    "PATCH",
                    "Groups/" + groupId,
                    "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members\"}]}")
                .status())
        .isEqualTo(400);
    assertThat(
            call(
                    "PATCH",
                    "Groups/" + groupId,
                    "{\"Operations\":[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]}")
                .status())
        .isEqualTo(400);
    assertThat(
            call(
                    "PATCH",
                    "Groups/" + groupId,
                    "{\"Operations\":[{\"op\":\"replace\",\"path\":\"description\",\"value\":\"d\"}]}")
                .status())
        .isEqualTo(400);
    assertThat(aws.memberships()).hasSize(1);
    // externalId may be replaced (used to record when a group left the directory's scope).
    assertThat(
            call(
                    "PATCH",
                    "Groups/" + groupId,
                    "{\"Operations\":[{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"g1;left=2026-11-22T12:00:00Z\"}]}")
                .status())
        .isEqualTo(204);
    assertThat(aws.groups().get(0).externalIds().get(0).id())
        .isEqualTo("g1;left=2026-11-22T12:00:00Z");
  }

  @Test
  void userPatchesKeepTheGuidesRules() throws Exception {
    String id = createUser("ann@example.com");
    assertThat(
            call(
                    "PATCH",
                    "Users/" + id,
                    "{\"Operations\":[{\"op\":\"remove\",\"path\":\"active\"}]}")
                .status())
        .isEqualTo(400);
    assertThat(
            call(
                    "PATCH",
                    "Users/" + id,
                    "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false},"
                        + "{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]}")
                .status())
        .isEqualTo(400);
    assertThat(
            call(
                    "PATCH",
                    "Users/" + id,
                    "{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\"}]}")
                .status())
        .isEqualTo(400);
    assertThat(
            call(
                    "PATCH",
                    "Users/" + id,
                    "{\"Operations\":[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"x\"}]}")
                .status())
        .isEqualTo(400);
    Answer off =
        call(
            "PATCH",
            "Users/" + id,
            "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
    assertThat(off.status()).isEqualTo(200);
    assertThat(off.body().path("active").asBoolean(true)).isFalse();
  }
}
