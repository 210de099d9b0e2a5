package io.github.ssosync.engine;

import io.github.ssosync.ProviderException;
import io.github.ssosync.change.Change;
import io.github.ssosync.targets.ChangeResult;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.targets.NameHolder;
import io.github.ssosync.targets.TargetCapabilities;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once for every target, what a create refused because its name is taken comes to ({@link
 * ChangeResult#nameTaken}). The target's own rule ({@link TargetCapabilities#isOurs}) says whether
 * the holder is the object the create meant; if it is, the target is asked to make that object
 * match the create (the same create, with the holder's id) and the change counts as applied with
 * that id; if not, it fails as a conflict that names the holder, and nothing is taken over.
 */
final class NameConflicts {
  private static final Logger log = LoggerFactory.getLogger(NameConflicts.class);

  private NameConflicts() {}

  /**
   * @param target the target
   * @param sent the change as sent (references resolved)
   * @param result the target's answer, naming a holder
   * @return what the change came to
   */
  static ChangeResult settle(IdentityTarget target, Change sent, ChangeResult result) {
    NameHolder holder = Objects.requireNonNull(result.holder());
    ProviderException conflict = Objects.requireNonNull(result.error());
    String name;
    String kind;
    Change takeOver;
    if (sent instanceof Change.CreateUser c) {
      name = c.attributes().userName();
      kind = "user";
      takeOver =
          new Change.CreateUser(
              c.user().withTargetId(holder.targetId()), c.attributes(), c.reason());
    } else if (sent instanceof Change.CreateGroup c) {
      name = c.attributes().displayName();
      kind = "group";
      takeOver =
          new Change.CreateGroup(
              c.group().withTargetId(holder.targetId()), c.attributes(), c.members(), c.reason());
    } else {
      return ChangeResult.failed(conflict);
    }
    String what = "create " + kind + " " + name;
    TargetCapabilities caps = target.capabilities();
    String sourceId = Objects.requireNonNull(sent.subject().sourceId());
    if (!caps.isOurs(holder, sourceId, name)) {
      return ChangeResult.failed(
          new ProviderException(
              ProviderException.Reason.CONFLICT,
              what
                  + ": the name is held by "
                  + kind
                  + " "
                  + holder.targetId()
                  + ", which is not ours ("
                  + why(caps, holder, name)
                  + "); rename or remove it, or adopt it with ownerMode=ADOPT",
              conflict));
    }
    log.info("{}: the name is held by {} {}, ours; taking it", what, kind, holder.targetId());
    ChangeResult taken;
    try {
      taken = target.apply(List.of(takeOver)).get(0);
    } catch (ProviderException e) {
      return ChangeResult.failed(e);
    }
    if (!taken.applied()) {
      return ChangeResult.failed(Objects.requireNonNull(taken.error()));
    }
    return ChangeResult.created(holder.targetId());
  }

  private static String why(TargetCapabilities caps, NameHolder holder, String name) {
    if (!caps.storesAnchors()) {
      return "this target ties objects to the directory by their exact name, and it is named \""
          + holder.name()
          + "\", not \""
          + name
          + "\"";
    }
    if (holder.externalIds().isEmpty()) {
      return "its externalId is empty";
    }
    return caps.anchorOf(holder.externalIds()) == null
        ? "its externalId is another issuer's"
        : "its externalId is another directory object's";
  }
}
