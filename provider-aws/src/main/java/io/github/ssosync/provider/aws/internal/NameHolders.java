package io.github.ssosync.provider.aws.internal;

import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.targets.ExternalId;
import io.github.ssosync.targets.NameHolder;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.identitystore.model.AlternateIdentifier;
import software.amazon.awssdk.services.identitystore.model.DescribeGroupResponse;
import software.amazon.awssdk.services.identitystore.model.DescribeUserResponse;

/**
 * Looks up who holds a name after a create was refused with a conflict, in both write modes through
 * the Identity Store API: a SCIM id is the Identity Store id of the same object, and the Identity
 * Store API shows the external ids with their issuers, as the reader sees them. Decides nothing:
 * the engine applies the target's ownership rule once ({@code TargetCapabilities.isOurs}).
 */
final class NameHolders {
  private NameHolders() {}

  /**
   * @param failure the create's failure
   * @return a {@link NameTaken} naming the holder, or the failure itself when it is not a conflict
   */
  static RuntimeException user(
      IdentityStoreApi api, String userName, String what, ProviderException failure) {
    return named(failure, () -> userHolder(api, userName, what));
  }

  /**
   * @param failure the create's failure
   * @return a {@link NameTaken} naming the holder, or the failure itself when it is not a conflict
   */
  static RuntimeException group(
      IdentityStoreApi api, String displayName, String what, ProviderException failure) {
    return named(failure, () -> groupHolder(api, displayName, what));
  }

  private static RuntimeException named(
      ProviderException failure, java.util.function.Supplier<NameHolder> holder) {
    if (failure.reason() != Reason.CONFLICT) {
      return failure;
    }
    try {
      return new NameTaken(holder.get(), failure);
    } catch (ProviderException e) {
      // The holder went away between the conflict and the look-up: the conflict stands as it was.
      if (e.reason() == Reason.NOT_FOUND) {
        return failure;
      }
      throw e;
    }
  }

  private static NameHolder userHolder(IdentityStoreApi api, String userName, String what) {
    String store = api.identityStoreId();
    // GetUserId matches userName ignoring case, as the uniqueness rule does; the exact name comes
    // from DescribeUser, so that the engine can tell "Ann" from "ann".
    String id =
        api.call(
                "GetUserId",
                what + " (conflict lookup)",
                c ->
                    c.getUserId(
                        r ->
                            r.identityStoreId(store)
                                .alternateIdentifier(unique("userName", userName))))
            .userId();
    DescribeUserResponse holder =
        api.call(
            "DescribeUser",
            what + " (conflict lookup)",
            c -> c.describeUser(r -> r.identityStoreId(store).userId(id)));
    return new NameHolder(id, holder.userName(), externalIds(holder.externalIds()));
  }

  private static NameHolder groupHolder(IdentityStoreApi api, String displayName, String what) {
    String store = api.identityStoreId();
    String id =
        api.call(
                "GetGroupId",
                what + " (conflict lookup)",
                c ->
                    c.getGroupId(
                        r ->
                            r.identityStoreId(store)
                                .alternateIdentifier(unique("displayName", displayName))))
            .groupId();
    DescribeGroupResponse holder =
        api.call(
            "DescribeGroup",
            what + " (conflict lookup)",
            c -> c.describeGroup(r -> r.identityStoreId(store).groupId(id)));
    return new NameHolder(id, holder.displayName(), externalIds(holder.externalIds()));
  }

  private static AlternateIdentifier unique(String attributePath, String value) {
    return AlternateIdentifier.builder()
        .uniqueAttribute(
            u -> u.attributePath(attributePath).attributeValue(Document.fromString(value)))
        .build();
  }

  private static List<ExternalId> externalIds(
      List<software.amazon.awssdk.services.identitystore.model.ExternalId> ids) {
    List<ExternalId> out = new ArrayList<>();
    for (var e : ids) {
      out.add(new ExternalId(e.issuer(), e.id()));
    }
    return out;
  }
}
