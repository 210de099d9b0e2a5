package io.github.ssosync.emulators.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.TargetUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The emulated SCIM endpoint takes exactly the user attributes the IAM Identity Center SCIM guide
 * lists as supported, and refuses the rest as the guide says the service does.
 */
class ScimUserAttributesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENTERPRISE = ScimUsers.ENTERPRISE;
  private final IdentityCenterEmulator aws = IdentityCenterEmulator.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    aws.close();
  }

  private record Answer(int status, JsonNode body) {}

  private Answer call(String method, String path, JsonNode body) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(aws.scimEndpoint() + path))
            .header("Authorization", "Bearer " + aws.scimToken())
            .header("Content-Type", "application/scim+json")
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
    return new Answer(
        a.statusCode(), a.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(a.body()));
  }

  private static ObjectNode user(String userName) {
    ObjectNode u = JSON.createObjectNode();
    u.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
    u.put("userName", userName).put("displayName", "G F");
    u.putObject("name").put("givenName", "G").put("familyName", "F");
    u.putArray("emails")
        .addObject()
        .put("value", userName)
        .put("type", "work")
        .put("primary", true);
    return u;
  }

  private static ObjectNode patch(String op, String path, JsonNode value) {
    ObjectNode p = JSON.createObjectNode();
    p.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
    ObjectNode o = p.putArray("Operations").addObject().put("op", op).put("path", path);
    if (value != null) {
      o.set("value", value);
    }
    return p;
  }

  private String create(ObjectNode u) throws Exception {
    Answer a = call("POST", "Users", u);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(201);
    return a.body().path("id").asText();
  }

  private TargetUser held(String id) {
    return aws.users().stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aCreateCarriesEverySupportedAttributeAndAGetShowsThem() throws Exception {
    String boss = create(user("boss@example.com"));
    ObjectNode u = user("ann@example.com");
    ((com.fasterxml.jackson.databind.node.ArrayNode) u.path("schemas")).add(ENTERPRISE);
    u.put("title", "Engineer").put("nickName", "Annie").put("timezone", "Europe/Paris");
    ((ObjectNode) u.path("name")).put("middleName", "B").put("honorificPrefix", "Dr.");
    u.putArray("addresses")
        .addObject()
        .put("type", "work")
        .put("locality", "Paris")
        .put("country", "FR");
    u.putArray("phoneNumbers").addObject().put("value", "+33 1 23").put("type", "work");
    ObjectNode ext = u.putObject(ENTERPRISE).put("department", "R&D").put("costCenter", "42");
    ext.putObject("manager").put("value", boss);
    String id = create(u);

    assertThat(held(id).optional())
        .containsAllEntriesOf(
            Map.of(
                UserAttribute.TITLE, "Engineer",
                UserAttribute.NICK_NAME, "Annie",
                UserAttribute.TIMEZONE, "Europe/Paris",
                UserAttribute.MIDDLE_NAME, "B",
                UserAttribute.HONORIFIC_PREFIX, "Dr.",
                UserAttribute.LOCALITY, "Paris",
                UserAttribute.COUNTRY, "FR",
                UserAttribute.PHONE_NUMBER, "+33 1 23",
                UserAttribute.DEPARTMENT, "R&D",
                UserAttribute.COST_CENTER, "42"))
        .containsEntry(UserAttribute.MANAGER, boss)
        .hasSize(11);
    Answer got = call("GET", "Users/" + id, JSON.createObjectNode());
    assertThat(got.body().path("schemas").toString()).contains(ENTERPRISE);
    assertThat(got.body().path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo(boss);
    assertThat(got.body().path("addresses").get(0).path("locality").asText()).isEqualTo("Paris");
  }

  @Test
  void whatTheGuideSaysIsNotSupportedIsRefused() throws Exception {
    ObjectNode photos = user("a@example.com");
    photos.putArray("photos").addObject().put("value", "https://x");
    assertThat(call("POST", "Users", photos).status()).isEqualTo(400);

    ObjectNode twoPhones = user("b@example.com");
    twoPhones.putArray("phoneNumbers").addObject().put("value", "1");
    ((com.fasterxml.jackson.databind.node.ArrayNode) twoPhones.path("phoneNumbers"))
        .addObject()
        .put("value", "2");
    assertThat(call("POST", "Users", twoPhones).status()).isEqualTo(400);

    ObjectNode display = user("c@example.com");
    display.putArray("addresses").addObject().put("locality", "X").put("display", "X");
    assertThat(call("POST", "Users", display).status()).isEqualTo(400);

    ObjectNode noSchema = user("d@example.com");
    noSchema.putObject(ENTERPRISE).put("department", "R&D");
    assertThat(call("POST", "Users", noSchema).status()).isEqualTo(400);

    ObjectNode managerName = user("e@example.com");
    ((com.fasterxml.jackson.databind.node.ArrayNode) managerName.path("schemas")).add(ENTERPRISE);
    String boss = create(user("boss@example.com"));
    managerName
        .putObject(ENTERPRISE)
        .putObject("manager")
        .put("value", boss)
        .put("displayName", "B");
    assertThat(call("POST", "Users", managerName).status()).isEqualTo(400);

    ObjectNode unknown = user("f@example.com");
    unknown.put("favouriteColour", "blue");
    assertThat(call("POST", "Users", unknown).status()).isEqualTo(400);

    ObjectNode tooLong = user("g@example.com");
    tooLong.put("title", "t".repeat(1025));
    assertThat(call("POST", "Users", tooLong).status()).isEqualTo(400);

    ObjectNode tab = user("h@example.com");
    tab.putArray("addresses").addObject().put("locality", "Par\tis");
    assertThat(call("POST", "Users", tab).status()).isEqualTo(400);

    assertThat(aws.users()).extracting(TargetUser::userName).containsExactly("boss@example.com");
  }

  @Test
  void aPatchNamesWholeAttributesAndEnterpriseOnesByTheirUrn() throws Exception {
    String boss = create(user("boss@example.com"));
    String id = create(user("ann@example.com"));
    var nodes = JSON.getNodeFactory();

    assertThat(
            call(
                    "PATCH",
                    "Users/" + id,
                    patch("replace", ENTERPRISE + ":department", nodes.textNode("Ops")))
                .status())
        .isEqualTo(200);
    assertThat(
            call(
                    "PATCH",
                    "Users/" + id,
                    patch(
                        "replace", ENTERPRISE + ":manager", nodes.objectNode().put("value", boss)))
                .status())
        .isEqualTo(200);
    assertThat(
            call("PATCH", "Users/" + id, patch("replace", "name.middleName", nodes.textNode("Q")))
                .status())
        .isEqualTo(200);
    var address = nodes.arrayNode();
    address.addObject().put("type", "work").put("locality", "Lyon").put("postalCode", "69001");
    assertThat(call("PATCH", "Users/" + id, patch("replace", "addresses", address)).status())
        .isEqualTo(200);
    assertThat(held(id).optional())
        .containsEntry(UserAttribute.DEPARTMENT, "Ops")
        .containsEntry(UserAttribute.MANAGER, boss)
        .containsEntry(UserAttribute.MIDDLE_NAME, "Q")
        .containsEntry(UserAttribute.LOCALITY, "Lyon")
        .containsEntry(UserAttribute.POSTAL_CODE, "69001");

    // No value filter nor sub-attribute path into a user's multi-valued attribute, no manager
    // displayName, no path outside the guide's list.
    for (String path :
        new String[] {
          "addresses[type eq \"work\"].locality",
          "addresses.locality",
          ENTERPRISE + ":manager.displayName",
          ENTERPRISE + ":favouriteColour",
          "enterprise.department",
          "photos"
        }) {
      assertThat(call("PATCH", "Users/" + id, patch("replace", path, nodes.textNode("x"))).status())
          .as(path)
          .isEqualTo(400);
    }
    assertThat(
            call(
                    "PATCH",
                    "Users/" + id,
                    patch(
                        "replace",
                        ENTERPRISE + ":manager",
                        nodes
                            .objectNode()
                            .put("value", "1234567890-00000000-0000-0000-0000-000000000000")))
                .status())
        .as("a manager that is no user")
        .isEqualTo(400);

    assertThat(
            call("PATCH", "Users/" + id, patch("remove", ENTERPRISE + ":department", null))
                .status())
        .isEqualTo(200);
    assertThat(call("PATCH", "Users/" + id, patch("remove", "addresses", null)).status())
        .isEqualTo(200);
    assertThat(held(id).optional())
        .doesNotContainKeys(
            UserAttribute.DEPARTMENT, UserAttribute.LOCALITY, UserAttribute.POSTAL_CODE)
        .containsEntry(UserAttribute.MANAGER, boss);
  }
}
