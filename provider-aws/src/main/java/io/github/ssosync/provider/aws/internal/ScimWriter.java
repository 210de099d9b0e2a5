package io.github.ssosync.provider.aws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.change.AttributeChange;
import io.github.ssosync.change.Change;
import io.github.ssosync.change.GroupAttributes;
import io.github.ssosync.change.ObjectRef;
import io.github.ssosync.change.UserAttributes;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.ChangeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.identitystore.model.AttributeOperation;

/**
 * Writes through IAM Identity Center's SCIM endpoint, so that objects carry our anchor ({@code
 * externalId}) and users can be disabled ({@code active}). Group descriptions are not part of the
 * SCIM group resource there, so they go through the Identity Store API.
 */
public final class ScimWriter implements ChangeWriter {
  /** IAM Identity Center accepts at most 100 member operations in one group PATCH. */
  static final int MEMBERS_PER_PATCH = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScimClient scim;
  private final IdentityStoreApi identityStore;
  private final UserAddresses addresses;

  /**
   * @param scim the SCIM client
   * @param identityStore the Identity Store API, for group descriptions
   */
  public ScimWriter(ScimClient scim, IdentityStoreApi identityStore) {
    this(scim, identityStore, new UserAddresses());
  }

  /**
   * @param scim the SCIM client
   * @param identityStore the Identity Store API, for group descriptions
   * @param addresses users' addresses as last read, so that one part's change keeps the others
   */
  public ScimWriter(ScimClient scim, IdentityStoreApi identityStore, UserAddresses addresses) {
    this.scim = scim;
    this.identityStore = identityStore;
    this.addresses = addresses;
  }

  @Override
  public ChangeResult apply(Change change) {
    return switch (change.kind()) {
      case CREATE_USER -> ChangeWriter.attempt(() -> createUser((Change.CreateUser) change));
      case UPDATE_USER -> ChangeWriter.attempt(() -> updateUser((Change.UpdateUser) change));
      case DISABLE_USER ->
          ChangeWriter.attempt(
              () ->
                  patch(
                      "PatchUser",
                      "disable user " + change.subject().name(),
                      "Users/" + change.subject().requireTargetId(),
                      List.of(op(() -> PatchOperation.replace("active", Boolean.FALSE)))));
      case DELETE_USER ->
          ChangeWriter.attempt(
              () -> delete("DeleteUser", "delete user ", "Users/", change.subject()));
      case CREATE_GROUP -> ChangeWriter.attempt(() -> createGroup((Change.CreateGroup) change));
      case UPDATE_GROUP -> ChangeWriter.attempt(() -> updateGroup((Change.UpdateGroup) change));
      case RETIRE_GROUP ->
          ChangeWriter.attempt(
              () ->
                  patch(
                      "PatchGroup",
                      "retire group " + change.subject().name(),
                      "Groups/" + change.subject().requireTargetId(),
                      List.of(
                          op(
                              () ->
                                  PatchOperation.replace(
                                      "externalId", ((Change.RetireGroup) change).externalId())))));
      case DELETE_GROUP ->
          ChangeWriter.attempt(
              () -> delete("DeleteGroup", "delete group ", "Groups/", change.subject()));
      case ADD_MEMBERSHIP, REMOVE_MEMBERSHIP -> applyMemberships(List.of(change)).get(0);
    };
  }

  /**
   * Sends membership changes as PATCHes of at most 100 member operations. If a batch is refused as
   * a whole for a reason that is not about the service (a user that no longer exists, say), its
   * changes are tried one by one so that one bad change does not fail the others.
   */
  @Override
  public List<ChangeResult> applyMemberships(List<Change> changes) {
    List<ChangeResult> out = new ArrayList<>(changes.size());
    for (int from = 0; from < changes.size(); from += MEMBERS_PER_PATCH) {
      List<Change> batch =
          changes.subList(from, Math.min(changes.size(), from + MEMBERS_PER_PATCH));
      ChangeResult result = ChangeWriter.attempt(() -> patchMembers(batch));
      if (result.applied()
          || batch.size() == 1
          || Objects.requireNonNull(result.error()).retryable()
          || result.error().reason() == Reason.UNAUTHENTICATED) {
        for (int i = 0; i < batch.size(); i++) {
          out.add(result);
        }
      } else {
        for (Change c : batch) {
          out.add(ChangeWriter.attempt(() -> patchMembers(List.of(c))));
        }
      }
    }
    return out;
  }

  private @Nullable String patchMembers(List<Change> batch) {
    ObjectRef group = batch.get(0).subject();
    List<PatchOperation> ops = new ArrayList<>();
    ArrayNode adds = JSON.createArrayNode();
    for (Change c : batch) {
      if (c instanceof Change.AddMembership a) {
        adds.addObject().put("value", a.user().requireTargetId());
      } else {
        String userId = ((Change.RemoveMembership) c).user().requireTargetId();
        ops.add(op(() -> PatchOperation.remove("members[value eq \"" + userId + "\"]")));
      }
    }
    if (!adds.isEmpty()) {
      ops.add(0, op(() -> PatchOperation.add("members", adds)));
    }
    return patch(
        "PatchGroup",
        "update members of group " + group.name() + " (" + batch.size() + " changes)",
        "Groups/" + group.requireTargetId(),
        ops);
  }

  private String createUser(Change.CreateUser c) {
    UserAttributes a = c.attributes();
    UserResource user =
        new UserResource()
            .setUserName(a.userName())
            .setName(new Name().setGivenName(a.givenName()).setFamilyName(a.familyName()))
            .setDisplayName(a.displayName())
            .setEmails(email(a.email()))
            .setActive(a.active());
    user.setExternalId(a.externalId());
    ObjectNode body = JsonUtils.valueToNode(user);
    ScimUserAttributes.create(body, a);
    String what = "create user " + a.userName();
    String holder = c.user().targetId();
    if (holder != null) {
      // The engine found the user holding the name to carry our anchor: the same user, made by a
      // create whose answer was lost or by a run at the same time.
      return holder;
    }
    try {
      return Objects.requireNonNull(scim.call("CreateUser", what, "POST", "Users", body).body())
          .path("id")
          .asText();
    } catch (ProviderException e) {
      throw NameHolders.user(identityStore, a.userName(), what, e);
    }
  }

  private String createGroup(Change.CreateGroup c) {
    GroupAttributes a = c.attributes();
    List<Member> members = new ArrayList<>();
    c.members().forEach(m -> members.add(new Member().setValue(m.requireTargetId())));
    GroupResource resource =
        new GroupResource().setDisplayName(a.displayName()).setMembers(members);
    resource.setExternalId(a.externalId());
    JsonNode body = JsonUtils.valueToNode(resource);
    String what = "create group " + a.displayName();
    String id = c.group().targetId();
    if (id == null) {
      try {
        id =
            Objects.requireNonNull(scim.call("CreateGroup", what, "POST", "Groups", body).body())
                .path("id")
                .asText();
      } catch (ProviderException e) {
        throw NameHolders.group(identityStore, a.displayName(), what, e);
      }
    } else {
      // The engine found the group holding the name to carry our anchor (see createUser).
      if (!c.members().isEmpty()) {
        // A create that succeeded before its answer was lost: make sure the members are there.
        List<Change> adds = new ArrayList<>();
        ObjectRef group = c.group().withTargetId(id);
        c.members().forEach(m -> adds.add(new Change.AddMembership(group, m, c.reason())));
        patchMembers(adds);
      }
    }
    if (a.description() != null) {
      String groupId = id;
      identityStore.call(
          "UpdateGroup",
          "set the description of group " + a.displayName(),
          client ->
              client.updateGroup(
                  r ->
                      r.identityStoreId(identityStore.identityStoreId())
                          .groupId(groupId)
                          .operations(
                              IdentityStoreWriter.operation("description", a.description()))));
    }
    return id;
  }

  private @Nullable String updateUser(Change.UpdateUser c) {
    List<PatchOperation> ops = new ArrayList<>();
    for (AttributeChange a : c.changes()) {
      String after = a.after();
      if (ScimUserAttributes.optional(a.attribute()) != null) {
        ScimUserAttributes.Op o = ScimUserAttributes.operation(c, a);
        if (o != null) {
          JsonNode v = o.value();
          ops.add(
              op(
                  () ->
                      v == null
                          ? PatchOperation.remove(o.path())
                          : PatchOperation.replace(o.path(), v)));
        }
        continue;
      }
      ops.add(
          op(
              () ->
                  switch (a.attribute()) {
                    case "active" -> PatchOperation.replace("active", Boolean.valueOf(after));
                    case "emails" ->
                        after == null
                            ? PatchOperation.remove("emails")
                            : PatchOperation.replace("emails", JsonUtils.valueToNode(email(after)));
                    default ->
                        after == null
                            ? PatchOperation.remove(a.attribute())
                            : PatchOperation.replace(a.attribute(), after);
                  }));
    }
    // The one address is written whole: the parts as read, with this update's parts changed.
    Map<UserAttribute, String> address = addresses.merged(c);
    if (address != null) {
      ops.add(
          op(
              () ->
                  address.isEmpty()
                      ? PatchOperation.remove("addresses")
                      : PatchOperation.replace(
                          "addresses", ScimUserAttributes.addresses(address))));
    }
    if (ops.isEmpty()) {
      return null;
    }
    patch(
        "PatchUser", "update user " + c.user().name(), "Users/" + c.user().requireTargetId(), ops);
    if (address != null) {
      addresses.written(c.user().requireTargetId(), address);
    }
    return null;
  }

  private @Nullable String updateGroup(Change.UpdateGroup c) {
    List<PatchOperation> ops = new ArrayList<>();
    List<AttributeOperation> described = new ArrayList<>();
    for (AttributeChange a : c.changes()) {
      if (a.attribute().equals("description")) {
        described.add(IdentityStoreWriter.operation("description", a.after()));
      } else {
        String after = a.after();
        ops.add(
            op(
                () ->
                    after == null
                        ? PatchOperation.remove(a.attribute())
                        : PatchOperation.replace(a.attribute(), after)));
      }
    }
    String what = "update group " + c.group().name();
    if (!ops.isEmpty()) {
      patch("PatchGroup", what, "Groups/" + c.group().requireTargetId(), ops);
    }
    if (!described.isEmpty()) {
      identityStore.call(
          "UpdateGroup",
          what,
          client ->
              client.updateGroup(
                  r ->
                      r.identityStoreId(identityStore.identityStoreId())
                          .groupId(c.group().requireTargetId())
                          .operations(described)));
    }
    return null;
  }

  private @Nullable String patch(
      String operation, String what, String path, List<PatchOperation> ops) {
    scim.call(operation, what, "PATCH", path, JsonUtils.valueToNode(new PatchRequest(ops)));
    return null;
  }

  /** Builds a patch operation whose path is ours and valid; a parse failure is a bug here. */
  private static PatchOperation op(ScimOperation build) {
    try {
      return build.get();
    } catch (ScimException e) {
      throw new IllegalStateException("invalid SCIM patch path: " + e.getMessage(), e);
    }
  }

  private interface ScimOperation {
    PatchOperation get() throws ScimException;
  }

  private @Nullable String delete(String operation, String what, String resource, ObjectRef ref) {
    try {
      scim.call(operation, what + ref.name(), "DELETE", resource + ref.requireTargetId(), null);
    } catch (ProviderException e) {
      if (e.reason() != Reason.NOT_FOUND) {
        throw e;
      }
      // Already gone: the desired state holds.
    }
    return null;
  }

  private static List<Email> email(String address) {
    return List.of(new Email().setValue(address).setType("work").setPrimary(true));
  }
}
