package io.github.ssosync.provider.aws.internal;

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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.identitystore.model.AttributeOperation;
import software.amazon.awssdk.services.identitystore.model.Email;

/**
 * Writes through the Identity Store API only. It can neither set external ids nor disable users,
 * which the target's capabilities say, so the planner never asks for either.
 */
public final class IdentityStoreWriter implements ChangeWriter {
  private static final Logger log = LoggerFactory.getLogger(IdentityStoreWriter.class);

  private final IdentityStoreApi api;
  private final UserAddresses addresses;

  /**
   * @param api the Identity Store API
   */
  public IdentityStoreWriter(IdentityStoreApi api) {
    this(api, new UserAddresses());
  }

  /**
   * @param api the Identity Store API
   * @param addresses users' addresses as last read, so that one part's change keeps the others
   */
  public IdentityStoreWriter(IdentityStoreApi api, UserAddresses addresses) {
    this.api = api;
    this.addresses = addresses;
  }

  /**
   * @param path an attribute path, such as {@code displayName}
   * @param value the value, or null to unset it
   * @return the UpdateUser/UpdateGroup operation
   */
  public static AttributeOperation operation(String path, @Nullable String value) {
    return AttributeOperation.builder()
        .attributePath(path)
        .attributeValue(value == null ? Document.fromNull() : Document.fromString(value))
        .build();
  }

  private static AttributeOperation emailsOperation(@Nullable String email) {
    return AttributeOperation.builder()
        .attributePath("emails")
        .attributeValue(
            email == null
                ? Document.fromNull()
                : Document.fromList(
                    List.of(
                        Document.fromMap(
                            Map.of(
                                "value",
                                Document.fromString(email),
                                "type",
                                Document.fromString("work"),
                                "primary",
                                Document.fromBoolean(true))))))
        .build();
  }

  @Override
  public ChangeResult apply(Change change) {
    String store = api.identityStoreId();
    return switch (change.kind()) {
      case CREATE_USER -> ChangeWriter.attempt(() -> createUser((Change.CreateUser) change));
      case UPDATE_USER ->
          ChangeWriter.attempt(
              () -> {
                Change.UpdateUser u = (Change.UpdateUser) change;
                List<AttributeOperation> ops = new ArrayList<>();
                for (AttributeChange a : u.changes()) {
                  if (a.attribute().equals("emails")) {
                    ops.add(emailsOperation(a.after()));
                  } else if (ScimUserAttributes.optional(a.attribute()) == null
                      && !a.attribute().equals("externalId")
                      && !a.attribute().equals("active")) {
                    ops.add(operation(a.attribute(), a.after()));
                  }
                }
                ops.addAll(IdentityStoreUserAttributes.operations(u));
                // The one address is written whole: the parts as read, this update's changed.
                Map<UserAttribute, String> address = addresses.merged(u);
                if (address != null) {
                  ops.add(IdentityStoreUserAttributes.addresses(address));
                }
                if (!ops.isEmpty()) {
                  api.call(
                      "UpdateUser",
                      "update user " + u.user().name(),
                      c ->
                          c.updateUser(
                              r ->
                                  r.identityStoreId(store)
                                      .userId(u.user().requireTargetId())
                                      .operations(ops)));
                  if (address != null) {
                    addresses.written(u.user().requireTargetId(), address);
                  }
                }
                return null;
              });
      case DISABLE_USER ->
          ChangeResult.failed(
              new ProviderException(
                  Reason.INVALID,
                  "disable user "
                      + change.subject().name()
                      + ": the Identity Store API cannot disable users; use the SCIM write mode"));
      case DELETE_USER ->
          ChangeWriter.attempt(
              () ->
                  gone(
                      () ->
                          api.call(
                              "DeleteUser",
                              "delete user " + change.subject().name(),
                              c ->
                                  c.deleteUser(
                                      r ->
                                          r.identityStoreId(store)
                                              .userId(change.subject().requireTargetId())))));
      case CREATE_GROUP -> ChangeWriter.attempt(() -> createGroup((Change.CreateGroup) change));
      case UPDATE_GROUP ->
          ChangeWriter.attempt(
              () -> {
                Change.UpdateGroup g = (Change.UpdateGroup) change;
                List<AttributeOperation> ops = new ArrayList<>();
                for (AttributeChange a : g.changes()) {
                  if (!a.attribute().equals("externalId")) {
                    ops.add(operation(a.attribute(), a.after()));
                  }
                }
                if (!ops.isEmpty()) {
                  api.call(
                      "UpdateGroup",
                      "update group " + g.group().name(),
                      c ->
                          c.updateGroup(
                              r ->
                                  r.identityStoreId(store)
                                      .groupId(g.group().requireTargetId())
                                      .operations(ops)));
                }
                return null;
              });
      case RETIRE_GROUP ->
          // The Identity Store API cannot write external ids (CreateGroup has no ExternalIds,
          // UpdateGroup's documented paths are displayName and description), and this mode
          // declares storesAnchors=false, so the planner never asks for this.
          ChangeResult.failed(
              new ProviderException(
                  ProviderException.Reason.INVALID,
                  "retire group "
                      + change.subject().name()
                      + ": the Identity Store API cannot record it (no writable external id)"));
      case DELETE_GROUP ->
          ChangeWriter.attempt(
              () ->
                  gone(
                      () ->
                          api.call(
                              "DeleteGroup",
                              "delete group " + change.subject().name(),
                              c ->
                                  c.deleteGroup(
                                      r ->
                                          r.identityStoreId(store)
                                              .groupId(change.subject().requireTargetId())))));
      case ADD_MEMBERSHIP ->
          ChangeWriter.attempt(
              () -> {
                Change.AddMembership a = (Change.AddMembership) change;
                // The membership's id, so that the engine's stored view holds it and a later
                // DeleteGroupMembership by id (all CloudTrail shows of it) can be placed.
                return addMember(a.group(), a.user());
              });
      case REMOVE_MEMBERSHIP ->
          ChangeWriter.attempt(
              () -> {
                Change.RemoveMembership r = (Change.RemoveMembership) change;
                String id = r.membershipId();
                String what = "remove " + r.user().name() + " from group " + r.group().name();
                if (id == null) {
                  try {
                    id =
                        api.call(
                                "GetGroupMembershipId",
                                what,
                                c ->
                                    c.getGroupMembershipId(
                                        q ->
                                            q.identityStoreId(store)
                                                .groupId(r.group().requireTargetId())
                                                .memberId(
                                                    m -> m.userId(r.user().requireTargetId()))))
                            .membershipId();
                  } catch (ProviderException e) {
                    if (e.reason() == Reason.NOT_FOUND) {
                      return null;
                    }
                    throw e;
                  }
                }
                String membershipId = id;
                return gone(
                    () ->
                        api.call(
                            "DeleteGroupMembership",
                            what,
                            c ->
                                c.deleteGroupMembership(
                                    q -> q.identityStoreId(store).membershipId(membershipId))));
              });
    };
  }

  /**
   * Creates the user; a create whose subject already has a target id is the engine taking over the
   * user that holds the name (its rule: in this mode the exact name ties an object to the
   * directory), which is given our attributes so that "created" holds.
   */
  private String createUser(Change.CreateUser c) {
    UserAttributes a = c.attributes();
    IdentityStoreUserAttributes.requireWritable(a);
    String store = api.identityStoreId();
    String what = "create user " + a.userName();
    String holder = c.user().targetId();
    if (holder != null) {
      log.info("{}: the name exists already; taking that user, as this mode matches by name", what);
      List<AttributeOperation> ops =
          new ArrayList<>(
              List.of(
                  operation("name.givenName", a.givenName()),
                  operation("name.familyName", a.familyName()),
                  operation("displayName", a.displayName()),
                  emailsOperation(a.email())));
      ops.addAll(IdentityStoreUserAttributes.takeOver(a));
      api.call(
          "UpdateUser",
          what + " (taking over the existing user)",
          client ->
              client.updateUser(r -> r.identityStoreId(store).userId(holder).operations(ops)));
      return holder;
    }
    try {
      return api.call(
              "CreateUser",
              what,
              client ->
                  client.createUser(
                      r -> {
                        r.identityStoreId(store)
                            .userName(a.userName())
                            .name(IdentityStoreUserAttributes.name(a))
                            .displayName(a.displayName())
                            .emails(
                                Email.builder()
                                    .value(a.email())
                                    .type("work")
                                    .primary(true)
                                    .build());
                        IdentityStoreUserAttributes.create(r, a);
                      }))
          .userId();
    } catch (ProviderException e) {
      throw NameHolders.user(api, a.userName(), what, e);
    }
  }

  /** As {@link #createUser} for groups, then its members. */
  private String createGroup(Change.CreateGroup c) {
    GroupAttributes a = c.attributes();
    String store = api.identityStoreId();
    String what = "create group " + a.displayName();
    String id = c.group().targetId();
    if (id != null) {
      String holder = id;
      log.info(
          "{}: the name exists already; taking that group, as this mode matches by name", what);
      api.call(
          "UpdateGroup",
          what + " (taking over the existing group)",
          client ->
              client.updateGroup(
                  r ->
                      r.identityStoreId(store)
                          .groupId(holder)
                          .operations(operation("description", a.description()))));
    } else {
      try {
        id =
            api.call(
                    "CreateGroup",
                    what,
                    client ->
                        client.createGroup(
                            r ->
                                r.identityStoreId(store)
                                    .displayName(a.displayName())
                                    .description(a.description())))
                .groupId();
      } catch (ProviderException e) {
        throw NameHolders.group(api, a.displayName(), what, e);
      }
    }
    ObjectRef group = c.group().withTargetId(id);
    for (ObjectRef m : c.members()) {
      addMember(group, m);
    }
    return id;
  }

  private String addMember(ObjectRef group, ObjectRef user) {
    String store = api.identityStoreId();
    String what = "add " + user.name() + " to group " + group.name();
    try {
      return api.call(
              "CreateGroupMembership",
              what,
              c ->
                  c.createGroupMembership(
                      r ->
                          r.identityStoreId(store)
                              .groupId(group.requireTargetId())
                              .memberId(m -> m.userId(user.requireTargetId()))))
          .membershipId();
    } catch (ProviderException e) {
      if (e.reason() != Reason.CONFLICT) {
        throw e;
      }
      // Already a member: the desired state holds; its id, for the engine's view.
      return api.call(
              "GetGroupMembershipId",
              what,
              c ->
                  c.getGroupMembershipId(
                      q ->
                          q.identityStoreId(store)
                              .groupId(group.requireTargetId())
                              .memberId(m -> m.userId(user.requireTargetId()))))
          .membershipId();
    }
  }

  private static @Nullable String gone(Runnable delete) {
    try {
      delete.run();
    } catch (ProviderException e) {
      if (e.reason() != Reason.NOT_FOUND) {
        throw e;
      }
    }
    return null;
  }
}
