package io.github.ssosync.targets;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a target can do. The planner adapts to it rather than guessing from types.
 *
 * @param storesAnchors whether created and updated objects keep the directory id as an external id,
 *     readable back under {@code anchorIssuer}; without it objects are matched by name and nothing
 *     is deleted unless the policy owns everything in scope
 * @param anchorIssuer the issuer under which the target shows our anchors; absent to accept an
 *     external id of any issuer whose value equals the directory id
 * @param canDisableUsers whether users can be made inactive instead of deleted
 * @param maxMembersOnGroupCreate how many members a group create may carry inline (0: none)
 * @param limits the values the target accepts
 */
public record TargetCapabilities(
    boolean storesAnchors,
    @Nullable String anchorIssuer,
    boolean canDisableUsers,
    int maxMembersOnGroupCreate,
    AttributeLimits limits) {

  /** Validates. */
  public TargetCapabilities {
    if (maxMembersOnGroupCreate < 0) {
      throw new IllegalArgumentException(
          "maxMembersOnGroupCreate must be >= 0, was " + maxMembersOnGroupCreate);
    }
    java.util.Objects.requireNonNull(limits, "limits");
  }

  /**
   * A target without limits on values.
   *
   * @param storesAnchors see {@link #storesAnchors()}
   * @param anchorIssuer see {@link #anchorIssuer()}
   * @param canDisableUsers see {@link #canDisableUsers()}
   * @param maxMembersOnGroupCreate see {@link #maxMembersOnGroupCreate()}
   */
  public TargetCapabilities(
      boolean storesAnchors,
      @Nullable String anchorIssuer,
      boolean canDisableUsers,
      int maxMembersOnGroupCreate) {
    this(
        storesAnchors,
        anchorIssuer,
        canDisableUsers,
        maxMembersOnGroupCreate,
        AttributeLimits.NONE);
  }

  /**
   * The one rule for recognising our anchor on a target object.
   *
   * @param externalIds the object's external ids
   * @return the directory id the object carries as our anchor, or null if it carries none (or the
   *     target stores no anchors)
   */
  public @Nullable String anchorOf(List<ExternalId> externalIds) {
    Anchor anchor = anchor(externalIds);
    return anchor == null ? null : anchor.sourceId();
  }

  /**
   * Our anchor on a target object, with the time it left the directory's scope if it did.
   *
   * @param externalIds the object's external ids
   * @return our anchor, or null if the object carries none (or the target stores no anchors)
   */
  public @Nullable Anchor anchor(List<ExternalId> externalIds) {
    if (!storesAnchors) {
      return null;
    }
    for (ExternalId e : externalIds) {
      if (anchorIssuer == null || anchorIssuer.equals(e.issuer())) {
        return Anchor.parse(e.id());
      }
    }
    return null;
  }

  /**
   * @param issuer the anchor issuer
   * @return a target that stores anchors under {@code issuer} and can disable users
   */
  public static TargetCapabilities full(String issuer) {
    return new TargetCapabilities(true, issuer, true, 0);
  }
}
