package io.github.ssosync.emulators.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.emulators.aws.IdentityCenterStore.Group;
import io.github.ssosync.emulators.aws.IdentityCenterStore.Membership;
import io.github.ssosync.emulators.aws.IdentityCenterStore.User;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.emulators.loopback.LoopbackServer;
import java.io.IOException;
import java.util.Map;

/**
 * The Identity Store API (JSON 1.1 on {@code POST /}, routed by {@code X-Amz-Target:
 * AWSIdentityStore.<Operation>}) and SSO Admin's {@code ListInstances}, over the shared store.
 * Requests are checked against the API model ({@link IdentityStoreInput}); errors have the model's
 * statuses and members ({@link IdentityStoreError}).
 */
final class IdentityStoreServer extends LoopbackServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_11 = "application/x-amz-json-1.1";

  private final IdentityCenterStore store;
  private final String identityStoreId;
  private final String instanceArn;
  private final String region;
  private final CloudTrailLog trail;
  private volatile @org.jspecify.annotations.Nullable String requiredSessionToken;
  private volatile @org.jspecify.annotations.Nullable String primaryRegion;

  IdentityStoreServer(
      IdentityCenterStore store,
      String identityStoreId,
      String instanceArn,
      String region,
      CloudTrailLog trail) {
    this.store = store;
    this.trail = trail;
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
    IdentityStoreError error =
        switch (fault) {
          case THROTTLE ->
              IdentityStoreError.retryAfter(429, "ThrottlingException", "Rate exceeded", faults());
          case CONCURRENT_MODIFICATION ->
              IdentityStoreError.conflict(
                  "CONCURRENT_MODIFICATION",
                  "The requested resource was being concurrently modified by another request");
          case UNAVAILABLE -> IdentityStoreError.unavailable(faults());
          case UNAUTHORIZED ->
              IdentityStoreError.of(
                  400,
                  "UnrecognizedClientException",
                  "The security token included in the request is invalid.");
          default ->
              IdentityStoreError.retryAfter(
                  500, "InternalServerException", "Internal server error", faults());
        };
    send(exchange, error);
  }

  @Override
  protected void serve(HttpExchange exchange, String operation, byte[] body) throws IOException {
    if (!sessionTokenAccepted(exchange)) {
      return;
    }
    JsonNode in;
    try {
      in = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      send(exchange, IdentityStoreError.of(400, "SerializationException", "Malformed JSON"));
      return;
    }
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
    try {
      if (!operation.startsWith("AWSIdentityStore.")) {
        throw IdentityStoreError.of(
            400, "UnknownOperationException", "Unknown operation " + operation);
      }
      String storeId = IdentityStoreInput.identityStoreId(in);
      if (!identityStoreId.equals(storeId)) {
        throw IdentityStoreError.notFound(
            "IDENTITY_STORE", storeId, "Identity store " + storeId + " not found");
      }
      String op = operation.substring("AWSIdentityStore.".length());
      ObjectNode out;
      try {
        out = handle(op, in);
      } catch (IdentityStoreError | StoreException e) {
        IdentityStoreError error =
            e instanceof StoreException se ? IdentityStoreError.of(se) : (IdentityStoreError) e;
        audit(exchange, op, in, null, error);
        throw error;
      }
      audit(exchange, op, in, out, null);
      ok(exchange, out);
    } catch (IdentityStoreError e) {
      send(exchange, e);
    } catch (StoreException e) {
      send(exchange, IdentityStoreError.of(e));
    }
  }

  private void audit(
      HttpExchange exchange,
      String op,
      JsonNode in,
      @org.jspecify.annotations.Nullable ObjectNode out,
      @org.jspecify.annotations.Nullable IdentityStoreError error) {
    trail.identityStoreCall(
        op,
        exchange.getRequestHeaders().getFirst("User-Agent"),
        exchange.getRequestHeaders().getFirst("Authorization"),
        in,
        out,
        error == null ? null : error.type(),
        error == null ? null : error.getMessage());
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
      send(
          exchange,
          IdentityStoreError.of(
              400,
              "ResourceNotFoundException",
              "Instance " + in.path("InstanceArn").asText() + " not found"));
      return;
    }
    if (!name.equals(region) && !name.equals(primary)) {
      send(
          exchange,
          IdentityStoreError.of(
              400,
              "ResourceNotFoundException",
              "Region " + name + " is not enabled for this instance"));
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
      case "ListUsers" -> {
        boolean enterprise = IdentityStoreUsers.wantsEnterprise(in);
        IdentityStoreInput.page(
            op,
            in,
            IdentityStoreInput.filtered(in, store.users(), "UserName", store::userNamed),
            out,
            "Users",
            u -> user(u, enterprise));
      }
      case "ListGroups" ->
          IdentityStoreInput.page(
              op,
              in,
              IdentityStoreInput.filtered(in, store.groups(), "DisplayName", store::groupNamed),
              out,
              "Groups",
              this::group);
      case "ListGroupMemberships" -> {
        String groupId = IdentityStoreInput.resourceId(in, "GroupId");
        IdentityStoreInput.page(
            op + groupId,
            in,
            store.memberships(groupId),
            out,
            "GroupMemberships",
            this::membership);
      }
      case "ListGroupMembershipsForMember" -> {
        String userId = IdentityStoreInput.memberUserId(in);
        store.user(userId);
        IdentityStoreInput.page(
            op + userId,
            in,
            store.membershipsOfUser(userId),
            out,
            "GroupMemberships",
            this::membership);
      }
      case "DescribeUser" -> {
        boolean enterprise = IdentityStoreUsers.wantsEnterprise(in);
        out.setAll(user(store.user(IdentityStoreInput.resourceId(in, "UserId")), enterprise));
      }
      case "DescribeGroup" ->
          out.setAll(group(store.group(IdentityStoreInput.resourceId(in, "GroupId"))));
      case "DescribeGroupMembership" -> {
        String id = IdentityStoreInput.resourceId(in, "MembershipId");
        Membership m = store.membership(id);
        if (m == null) {
          throw IdentityStoreError.notFound("GROUP_MEMBERSHIP", id, "Membership not found");
        }
        out.setAll(membership(m));
      }
      case "GetUserId" ->
          out.put("UserId", findUser(in).id).put("IdentityStoreId", identityStoreId);
      case "GetGroupId" ->
          out.put("GroupId", findGroup(in).id).put("IdentityStoreId", identityStoreId);
      case "GetGroupMembershipId" -> {
        String groupId = IdentityStoreInput.resourceId(in, "GroupId");
        String userId = IdentityStoreInput.memberUserId(in);
        store.group(groupId);
        Membership m = store.membership(groupId, userId);
        if (m == null) {
          throw IdentityStoreError.notFound("GROUP_MEMBERSHIP", null, "Membership not found");
        }
        out.put("MembershipId", m.id()).put("IdentityStoreId", identityStoreId);
      }
      case "IsMemberInGroups" -> {
        String userId = IdentityStoreInput.memberUserId(in);
        ArrayNode results = out.putArray("Results");
        for (String g : IdentityStoreInput.groupIds(in)) {
          ObjectNode r = results.addObject();
          r.put("GroupId", g);
          r.putObject("MemberId").put("UserId", userId);
          r.put("MembershipExists", store.membership(g, userId) != null);
        }
      }
      case "CreateUser" -> {
        User u =
            store.createUser(
                IdentityStoreInput.required(in, "UserName"),
                IdentityStoreInput.required(in.path("Name"), "GivenName"),
                IdentityStoreInput.required(in.path("Name"), "FamilyName"),
                IdentityStoreInput.required(in, "DisplayName"),
                IdentityStoreInput.email(in.path("Emails")),
                true,
                null,
                IdentityStoreUsers.create(in));
        out.put("UserId", u.id).put("IdentityStoreId", identityStoreId);
      }
      case "UpdateUser" -> updateUser(in);
      case "DeleteUser" -> store.deleteUser(IdentityStoreInput.resourceId(in, "UserId"));
      case "CreateGroup" -> {
        String description = in.hasNonNull("Description") ? in.path("Description").asText() : null;
        Group g =
            store.createGroup(IdentityStoreInput.required(in, "DisplayName"), description, null);
        out.put("GroupId", g.id).put("IdentityStoreId", identityStoreId);
      }
      case "UpdateGroup" -> {
        String id = IdentityStoreInput.resourceId(in, "GroupId");
        store.group(id);
        for (JsonNode o : IdentityStoreInput.operations(in)) {
          // UpdateGroup writes displayName and description only; external ids are not writable
          // through this API (CreateGroup has no ExternalIds either).
          String path = IdentityStoreInput.path(o, "displayName", "description");
          store.setGroupAttribute(id, path, IdentityStoreInput.text(o.path("AttributeValue")));
        }
      }
      case "DeleteGroup" -> store.deleteGroup(IdentityStoreInput.resourceId(in, "GroupId"));
      case "CreateGroupMembership" -> {
        Membership m =
            store.addMember(
                IdentityStoreInput.resourceId(in, "GroupId"), IdentityStoreInput.memberUserId(in));
        out.put("MembershipId", m.id()).put("IdentityStoreId", identityStoreId);
      }
      case "DeleteGroupMembership" ->
          store.removeMembership(IdentityStoreInput.resourceId(in, "MembershipId"));
      default ->
          throw IdentityStoreError.of(400, "UnknownOperationException", "Unknown operation " + op);
    }
    return out;
  }

  private void updateUser(JsonNode in) {
    String id = IdentityStoreInput.resourceId(in, "UserId");
    store.user(id);
    for (JsonNode o : IdentityStoreInput.operations(in)) {
      // The paths our model keeps; the status and external ids are read-only here (SCIM only).
      String path = IdentityStoreInput.path(o, IdentityStoreUsers.UPDATE_PATHS);
      JsonNode value = o.path("AttributeValue");
      switch (path) {
        case "emails" -> store.setUserAttribute(id, path, IdentityStoreInput.email(value));
        case "addresses" -> store.setAddress(id, IdentityStoreUsers.address(value));
        case "phoneNumbers" -> store.setUserAttribute(id, path, IdentityStoreUsers.phone(value));
        case "name" -> {
          store.setUserAttribute(
              id, "name.givenName", IdentityStoreInput.text(value.path("givenName")));
          store.setUserAttribute(
              id, "name.familyName", IdentityStoreInput.text(value.path("familyName")));
        }
        default -> store.setUserAttribute(id, path, IdentityStoreInput.text(value));
      }
    }
  }

  private User findUser(JsonNode in) {
    JsonNode alt = IdentityStoreInput.alternateIdentifier(in);
    User u;
    if (alt.has("ExternalId")) {
      String issuer = alt.path("ExternalId").path("Issuer").asText("");
      String externalId = alt.path("ExternalId").path("Id").asText("");
      u = issuer.equals(store.issuer) ? store.userWithExternalId(externalId) : null;
    } else {
      // GetUserId: "For the unique attribute, the only valid paths are userName and emails.value".
      String path =
          IdentityStoreInput.path(alt.path("UniqueAttribute"), "userName", "emails.value");
      String value = IdentityStoreInput.text(alt.path("UniqueAttribute").path("AttributeValue"));
      u =
          value == null
              ? null
              : path.equals("userName")
                  ? store.userNamed(value)
                  : store.users().stream()
                      .filter(x -> value.equalsIgnoreCase(x.email))
                      .findFirst()
                      .orElse(null);
    }
    if (u == null) {
      throw IdentityStoreError.notFound("USER", null, "User not found");
    }
    return u;
  }

  private Group findGroup(JsonNode in) {
    JsonNode alt = IdentityStoreInput.alternateIdentifier(in);
    Group g;
    if (alt.has("ExternalId")) {
      String issuer = alt.path("ExternalId").path("Issuer").asText("");
      String externalId = alt.path("ExternalId").path("Id").asText("");
      g = issuer.equals(store.issuer) ? store.groupWithExternalId(externalId) : null;
    } else {
      // GetGroupId: "For the unique attribute, the only valid path is displayName".
      IdentityStoreInput.path(alt.path("UniqueAttribute"), "displayName");
      String value = IdentityStoreInput.text(alt.path("UniqueAttribute").path("AttributeValue"));
      g = value == null ? null : store.groupNamed(value);
    }
    if (g == null) {
      throw IdentityStoreError.notFound("GROUP", null, "Group not found");
    }
    return g;
  }

  private ObjectNode user(User u, boolean enterprise) {
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
    IdentityStoreUsers.render(n, store.optionalOf(u), enterprise);
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

  private static void ok(HttpExchange exchange, ObjectNode out) throws IOException {
    send(exchange, 200, JSON_11, out.toString(), Map.of());
  }

  private static void send(HttpExchange exchange, IdentityStoreError error) throws IOException {
    Map.Entry<String, Map<String, String>> rendered = error.render();
    send(exchange, error.status(), JSON_11, rendered.getKey(), rendered.getValue());
  }
}
