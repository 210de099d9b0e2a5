package io.github.ssosync.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.testkit.aws.IdentityCenterStore.Group;
import io.github.ssosync.testkit.aws.IdentityCenterStore.Membership;
import io.github.ssosync.testkit.aws.IdentityCenterStore.StoreException;
import io.github.ssosync.testkit.aws.IdentityCenterStore.User;
import io.github.ssosync.testkit.emulator.FaultKind;
import io.github.ssosync.testkit.emulator.LoopbackServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Identity Store API (JSON 1.1 on {@code POST /}, routed by {@code X-Amz-Target:
 * AWSIdentityStore.<Operation>}) and SSO Admin's {@code ListInstances}, over the shared store.
 */
final class IdentityStoreServer extends LoopbackServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_11 = "application/x-amz-json-1.1";

  private final IdentityCenterStore store;
  private final String identityStoreId;
  private final String instanceArn;
  private final String region;
  private volatile @org.jspecify.annotations.Nullable String requiredSessionToken;
  private volatile @org.jspecify.annotations.Nullable String primaryRegion;

  IdentityStoreServer(
      IdentityCenterStore store, String identityStoreId, String instanceArn, String region) {
    this.store = store;
    this.identityStoreId = identityStoreId;
    this.instanceArn = instanceArn;
    this.region = region;
  }

  /**
   * @param token the session token every request must carry from now on, as with temporary
   *     credentials (Lambda, ECS, SSO, an assumed role); null accepts requests without one
   */
  void requireSessionToken(@org.jspecify.annotations.Nullable String token) {
    this.requiredSessionToken = token;
  }

  /**
   * @param primary the instance's primary region, which SSO Admin {@code DescribeRegion} reports;
   *     null for the emulator's own region
   */
  void primaryRegion(@org.jspecify.annotations.Nullable String primary) {
    this.primaryRegion = primary;
  }

  @Override
  protected String operationOf(HttpExchange exchange, byte[] body) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    return target == null ? "unknown" : target;
  }

  @Override
  protected void writeFault(HttpExchange exchange, String operation, FaultKind fault)
      throws IOException {
    switch (fault) {
      case THROTTLE ->
          error(
              exchange,
              400,
              "ThrottlingException",
              "Rate exceeded",
              Map.of("Retry-After", String.valueOf(faults().retryAfterSeconds())),
              null);
      case UNAVAILABLE ->
          error(
              exchange, 503, "ServiceUnavailableException", "Service unavailable", Map.of(), null);
      case UNAUTHORIZED ->
          error(
              exchange,
              400,
              "UnrecognizedClientException",
              "The security token included in the request is invalid.",
              Map.of(),
              null);
      default ->
          error(exchange, 500, "InternalServerException", "Internal server error", Map.of(), null);
    }
  }

  @Override
  protected void serve(HttpExchange exchange, String operation, byte[] body) throws IOException {
    if (!sessionTokenAccepted(exchange)) {
      return;
    }
    JsonNode in = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    if (operation.equals("SWBExternalService.DescribeRegion")) {
      describeRegion(exchange, in);
      return;
    }
    if (operation.equals("SWBExternalService.ListInstances")) {
      ObjectNode out = JSON.createObjectNode();
      ObjectNode instance = out.putArray("Instances").addObject();
      instance.put("InstanceArn", instanceArn);
      instance.put("IdentityStoreId", identityStoreId);
      instance.put("Status", "ACTIVE");
      ok(exchange, out);
      return;
    }
    if (!operation.startsWith("AWSIdentityStore.")) {
      error(
          exchange,
          400,
          "UnknownOperationException",
          "Unknown operation " + operation,
          Map.of(),
          null);
      return;
    }
    if (!identityStoreId.equals(in.path("IdentityStoreId").asText())) {
      error(
          exchange,
          400,
          "ResourceNotFoundException",
          "Identity store " + in.path("IdentityStoreId").asText() + " not found",
          Map.of(),
          node ->
              node.put("ResourceType", "IDENTITY_STORE")
                  .put("ResourceId", in.path("IdentityStoreId").asText()));
      return;
    }
    try {
      ok(exchange, handle(operation.substring("AWSIdentityStore.".length()), in));
    } catch (StoreException e) {
      switch (e.kind) {
        case NOT_FOUND ->
            error(
                exchange,
                400,
                "ResourceNotFoundException",
                e.getMessage(),
                Map.of(),
                node -> node.put("ResourceType", e.resourceType));
        case CONFLICT ->
            error(
                exchange,
                400,
                "ConflictException",
                e.getMessage(),
                Map.of(),
                node -> node.put("Reason", "UNIQUENESS_CONSTRAINT_VIOLATION"));
        case VALIDATION ->
            error(exchange, 400, "ValidationException", e.getMessage(), Map.of(), null);
      }
    }
  }

  /**
   * Temporary credentials are an access key, a secret and a session token; a request signed with
   * the first two but without the token (header {@code X-Amz-Security-Token}) is refused before the
   * service looks at it. The answer is the one AWS's JSON 1.1 front end gives: HTTP 400, {@code
   * {"__type":"UnrecognizedClientException","message":"The security token included in the request
   * is invalid."}} (lower-case {@code message}; aws/aws-sdk-php#2444 quotes the body,
   * aws-azure-login/aws-azure-login#37 the status for ECS). REST services answer the same error
   * with 403 (iann0036/iamlive#58); for the Identity Store, a JSON 1.1 service, no reference names
   * the status, and the SDK classifies the error by its type either way.
   */
  private boolean sessionTokenAccepted(HttpExchange exchange) throws IOException {
    String required = requiredSessionToken;
    if (required == null
        || required.equals(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"))) {
      return true;
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("__type", "UnrecognizedClientException");
    out.put("message", "The security token included in the request is invalid.");
    send(
        exchange,
        400,
        JSON_11,
        out.toString(),
        Map.of("x-amzn-ErrorType", "UnrecognizedClientException"));
    return false;
  }

  /**
   * SSO Admin {@code DescribeRegion}: the instance's region as the caller's region sees it, with
   * {@code IsPrimaryRegion} (API reference, RegionMetadata and DescribeRegion). The request must
   * name the instance and a region the instance is enabled in.
   */
  private void describeRegion(HttpExchange exchange, JsonNode in) throws IOException {
    String name = in.path("RegionName").asText("");
    String primary = primaryRegion == null ? region : primaryRegion;
    if (!instanceArn.equals(in.path("InstanceArn").asText())) {
      error(
          exchange,
          400,
          "ResourceNotFoundException",
          "Instance " + in.path("InstanceArn").asText() + " not found",
          Map.of(),
          null);
      return;
    }
    if (!name.equals(region) && !name.equals(primary)) {
      error(
          exchange,
          400,
          "ResourceNotFoundException",
          "Region " + name + " is not enabled for this instance",
          Map.of(),
          null);
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("RegionName", name);
    out.put("Status", "ACTIVE");
    out.put("AddedDate", 1.7e9);
    out.put("IsPrimaryRegion", name.equals(primary));
    ok(exchange, out);
  }

  private ObjectNode handle(String op, JsonNode in) {
    ObjectNode out = JSON.createObjectNode();
    switch (op) {
      case "ListUsers" -> page(in, store.users(), out, "Users", this::user);
      case "ListGroups" -> page(in, store.groups(), out, "Groups", this::group);
      case "ListGroupMemberships" ->
          page(
              in,
              store.memberships(in.path("GroupId").asText()),
              out,
              "GroupMemberships",
              this::membership);
      case "ListGroupMembershipsForMember" -> {
        String userId = in.path("MemberId").path("UserId").asText();
        store.user(userId);
        page(in, store.membershipsOfUser(userId), out, "GroupMemberships", this::membership);
      }
      case "DescribeUser" -> out.setAll(user(store.user(in.path("UserId").asText())));
      case "DescribeGroup" -> out.setAll(group(store.group(in.path("GroupId").asText())));
      case "GetUserId" ->
          out.put("UserId", findUser(in).id).put("IdentityStoreId", identityStoreId);
      case "GetGroupId" ->
          out.put("GroupId", findGroup(in).id).put("IdentityStoreId", identityStoreId);
      case "GetGroupMembershipId" -> {
        Membership m =
            store.membership(
                in.path("GroupId").asText(), in.path("MemberId").path("UserId").asText());
        if (m == null) {
          throw new StoreException(
              StoreException.Kind.NOT_FOUND, "GROUP_MEMBERSHIP", "Membership not found");
        }
        out.put("MembershipId", m.id()).put("IdentityStoreId", identityStoreId);
      }
      case "IsMemberInGroups" -> {
        String userId = in.path("MemberId").path("UserId").asText();
        ArrayNode results = out.putArray("Results");
        for (JsonNode g : in.path("GroupIds")) {
          ObjectNode r = results.addObject();
          r.put("GroupId", g.asText());
          r.putObject("MemberId").put("UserId", userId);
          r.put("MembershipExists", store.membership(g.asText(), userId) != null);
        }
      }
      case "CreateUser" -> {
        if (in.path("Emails").size() > 1) {
          throw new StoreException(
              StoreException.Kind.VALIDATION, "", "At most one email is allowed");
        }
        JsonNode email = in.path("Emails").path(0).path("Value");
        User u =
            store.createUser(
                text(in, "UserName"),
                text(in.path("Name"), "GivenName"),
                text(in.path("Name"), "FamilyName"),
                text(in, "DisplayName"),
                email.isMissingNode() ? null : email.asText(),
                true,
                null);
        out.put("UserId", u.id).put("IdentityStoreId", identityStoreId);
      }
      case "UpdateUser" -> {
        String id = in.path("UserId").asText();
        store.user(id);
        checkOperations(in);
        for (JsonNode o : in.path("Operations")) {
          String path = o.path("AttributePath").asText();
          JsonNode value = o.path("AttributeValue");
          switch (path) {
            case "emails" ->
                store.setUserAttribute(
                    id,
                    path,
                    value.isNull() || value.isMissingNode()
                        ? null
                        : value.path(0).path("value").asText(value.path(0).path("Value").asText()));
            case "name" -> {
              store.setUserAttribute(id, "name.givenName", value.path("givenName").asText(null));
              store.setUserAttribute(id, "name.familyName", value.path("familyName").asText(null));
            }
            default ->
                store.setUserAttribute(
                    id, path, value.isNull() || value.isMissingNode() ? null : value.asText());
          }
        }
      }
      case "DeleteUser" -> store.deleteUser(in.path("UserId").asText());
      case "CreateGroup" -> {
        String description = in.hasNonNull("Description") ? in.path("Description").asText() : null;
        Group g = store.createGroup(text(in, "DisplayName"), description, null);
        out.put("GroupId", g.id).put("IdentityStoreId", identityStoreId);
      }
      case "UpdateGroup" -> {
        String id = in.path("GroupId").asText();
        store.group(id);
        checkOperations(in);
        for (JsonNode o : in.path("Operations")) {
          JsonNode value = o.path("AttributeValue");
          store.setGroupAttribute(
              id,
              o.path("AttributePath").asText(),
              value.isNull() || value.isMissingNode() ? null : value.asText());
        }
      }
      case "DeleteGroup" -> store.deleteGroup(in.path("GroupId").asText());
      case "CreateGroupMembership" -> {
        Membership m =
            store.addMember(
                in.path("GroupId").asText(), in.path("MemberId").path("UserId").asText());
        out.put("MembershipId", m.id()).put("IdentityStoreId", identityStoreId);
      }
      case "DeleteGroupMembership" -> store.removeMembership(in.path("MembershipId").asText());
      default ->
          throw new StoreException(
              StoreException.Kind.VALIDATION, "", "Unsupported operation " + op);
    }
    return out;
  }

  private static void checkOperations(JsonNode in) {
    int n = in.path("Operations").size();
    if (n < 1 || n > 100) {
      throw new StoreException(
          StoreException.Kind.VALIDATION, "", "Operations must have 1 to 100 items, had " + n);
    }
  }

  private User findUser(JsonNode in) {
    JsonNode alt = in.path("AlternateIdentifier");
    JsonNode ext = alt.path("ExternalId");
    JsonNode attr = alt.path("UniqueAttribute");
    for (User u : store.users()) {
      if (!ext.isMissingNode() && ext.path("Id").asText().equals(u.externalId)) {
        return u;
      }
      if (!attr.isMissingNode()
          && attr.path("AttributePath").asText().equals("userName")
          && attr.path("AttributeValue").asText().equalsIgnoreCase(u.userName)) {
        return u;
      }
    }
    throw new StoreException(StoreException.Kind.NOT_FOUND, "USER", "User not found");
  }

  private Group findGroup(JsonNode in) {
    JsonNode alt = in.path("AlternateIdentifier");
    JsonNode ext = alt.path("ExternalId");
    JsonNode attr = alt.path("UniqueAttribute");
    for (Group g : store.groups()) {
      if (!ext.isMissingNode() && ext.path("Id").asText().equals(g.externalId)) {
        return g;
      }
      if (!attr.isMissingNode()
          && attr.path("AttributePath").asText().equals("displayName")
          && attr.path("AttributeValue").asText().equalsIgnoreCase(g.displayName)) {
        return g;
      }
    }
    throw new StoreException(StoreException.Kind.NOT_FOUND, "GROUP", "Group not found");
  }

  private <T> void page(
      JsonNode in, List<T> all, ObjectNode out, String field, Function<T, ObjectNode> render) {
    int max = in.path("MaxResults").asInt(100);
    if (max < 1 || max > 100) {
      throw new StoreException(
          StoreException.Kind.VALIDATION, "", "MaxResults must be between 1 and 100");
    }
    int start =
        in.hasNonNull("NextToken")
            ? Integer.parseInt(
                new String(
                    java.util.Base64.getDecoder().decode(in.path("NextToken").asText()),
                    StandardCharsets.UTF_8))
            : 0;
    ArrayNode items = out.putArray(field);
    int end = Math.min(all.size(), start + max);
    for (int i = start; i < end; i++) {
      items.add(render.apply(all.get(i)));
    }
    if (end < all.size()) {
      out.put(
          "NextToken",
          java.util.Base64.getEncoder()
              .encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)));
    }
  }

  private ObjectNode user(User u) {
    ObjectNode n = JSON.createObjectNode();
    n.put("IdentityStoreId", identityStoreId);
    n.put("UserId", u.id);
    n.put("UserName", u.userName);
    if (u.externalId != null) {
      n.putArray("ExternalIds").addObject().put("Issuer", store.issuer).put("Id", u.externalId);
    }
    ObjectNode name = n.putObject("Name");
    name.put("GivenName", u.givenName);
    name.put("FamilyName", u.familyName);
    n.put("DisplayName", u.displayName);
    if (u.email != null) {
      n.putArray("Emails")
          .addObject()
          .put("Value", u.email)
          .put("Type", "work")
          .put("Primary", true);
    }
    n.put("UserStatus", u.active ? "ENABLED" : "DISABLED");
    n.put("CreatedAt", u.createdAt.toEpochMilli() / 1000.0);
    n.put("UpdatedAt", u.updatedAt.toEpochMilli() / 1000.0);
    return n;
  }

  private ObjectNode group(Group g) {
    ObjectNode n = JSON.createObjectNode();
    n.put("IdentityStoreId", identityStoreId);
    n.put("GroupId", g.id);
    n.put("DisplayName", g.displayName);
    if (g.description != null) {
      n.put("Description", g.description);
    }
    if (g.externalId != null) {
      n.putArray("ExternalIds").addObject().put("Issuer", store.issuer).put("Id", g.externalId);
    }
    return n;
  }

  private ObjectNode membership(Membership m) {
    ObjectNode n = JSON.createObjectNode();
    n.put("IdentityStoreId", identityStoreId);
    n.put("MembershipId", m.id());
    n.put("GroupId", m.groupId());
    n.putObject("MemberId").put("UserId", m.userId());
    return n;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      throw new StoreException(StoreException.Kind.VALIDATION, "", field + " is required");
    }
    return v.asText();
  }

  private static void ok(HttpExchange exchange, ObjectNode out) throws IOException {
    send(exchange, 200, JSON_11, out.toString(), Map.of());
  }

  private static void error(
      HttpExchange exchange,
      int status,
      String type,
      String message,
      Map<String, String> headers,
      java.util.function.@org.jspecify.annotations.Nullable Consumer<ObjectNode> extra)
      throws IOException {
    ObjectNode out = JSON.createObjectNode();
    out.put("__type", type);
    out.put("Message", message);
    if (extra != null) {
      extra.accept(out);
    }
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("x-amzn-ErrorType", type);
    send(exchange, status, JSON_11, out.toString(), all);
  }
}
