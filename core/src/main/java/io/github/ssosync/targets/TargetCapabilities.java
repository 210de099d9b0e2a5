package io.github.ssosync.targets;

import io.github.ssosync.mapping.UserAttribute;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
 * @param userAttributes the optional user attributes the target can write and reads back (the
 *     required ones it always can); a mapped attribute outside this set is warned about once per
 *     run and left alone
 */
public record TargetCapabilities(
    boolean storesAnchors,
    @Nullable String anchorIssuer,
    boolean canDisableUsers,
    int maxMembersOnGroupCreate,
    AttributeLimits limits,
    Set<UserAttribute> userAttributes) {

  /** Validates and copies. */
  public TargetCapabilities {
    if (maxMembersOnGroupCreate < 0) {
      throw new IllegalArgumentException(
          "maxMembersOnGroupCreate must be >= 0, was " + maxMembersOnGroupCreate);
    }
    java.util.Objects.requireNonNull(limits, "limits");
    EnumSet<UserAttribute> copy = EnumSet.noneOf(UserAttribute.class);
    userAttributes.stream().filter(a -> !a.required()).forEach(copy::add);
    userAttributes = Collections.unmodifiableSet(copy);
  }

  /**
   * Capabilities with no optional user attributes.
   *
   * @param storesAnchors see {@link #storesAnchors()}
   * @param anchorIssuer see {@link #anchorIssuer()}
   * @param canDisableUsers see {@link #canDisableUsers()}
   * @param maxMembersOnGroupCreate see {@link #maxMembersOnGroupCreate()}
   * @param limits see {@link #limits()}
   */
  public TargetCapabilities(
      boolean storesAnchors,
      @Nullable String anchorIssuer,
      boolean canDisableUsers,
      int maxMembersOnGroupCreate,
      AttributeLimits limits) {
    this(storesAnchors, anchorIssuer, canDisableUsers, maxMembersOnGroupCreate, limits, Set.of());
  }

  /**
   * @param attribute a user attribute
   * @return whether the target can write it (the required ones always)
   */
  public boolean canWrite(UserAttribute attribute) {
    return attribute.required() || userAttributes.contains(attribute);
  }

  /** A builder: no anchors, no disabling, no inline members, no limits on values. */
  public static Builder builder() {
    return new Builder();
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
   * The one rule for whether the object holding a name is the object a create meant (made by a
   * create whose answer was lost, or by a run at the same time), applied by the engine once, for
   * every target, when a create is refused with {@link ChangeResult#nameTaken}. Where objects keep
   * anchors, the holder is ours only when it carries our anchor of that directory object: a
   * hand-made object, or another directory's, is never taken over. Where they do not (nothing but
   * the name ties an object to the directory, and the planner matches by name), the holder of
   * exactly that name is ours; a name equal only ignoring case stays a conflict.
   *
   * @param holder the object holding the name
   * @param sourceId the directory id of the object the create meant
   * @param name the name the create asked for
   * @return whether the holder is that object
   */
  public boolean isOurs(NameHolder holder, String sourceId, String name) {
    if (storesAnchors) {
      return sourceId.equals(anchorOf(holder.externalIds()));
    }
    return holder.name().equals(name);
  }

  /**
   * @param issuer the anchor issuer
   * @return a target that stores anchors under {@code issuer} and can disable users
   */
  public static TargetCapabilities full(String issuer) {
    return builder().anchorIssuer(issuer).canDisableUsers(true).build();
  }

  /** Builds {@link TargetCapabilities}; start from {@link TargetCapabilities#builder()}. */
  public static final class Builder {
    private boolean storesAnchors;
    private @Nullable String anchorIssuer;
    private boolean canDisableUsers;
    private int maxMembersOnGroupCreate;
    private AttributeLimits limits = AttributeLimits.NONE;
    private Set<UserAttribute> userAttributes = Set.of();

    private Builder() {}

    /**
     * @param attributes see {@link TargetCapabilities#userAttributes()}
     * @return this builder
     */
    public Builder userAttributes(Set<UserAttribute> attributes) {
      this.userAttributes = Set.copyOf(attributes);
      return this;
    }

    /**
     * The target writes every attribute IAM Identity Center keeps.
     *
     * @return this builder
     */
    public Builder allUserAttributes() {
      return userAttributes(EnumSet.allOf(UserAttribute.class));
    }

    /**
     * Objects keep the directory id as an external id, under any issuer.
     *
     * @param storesAnchors see {@link TargetCapabilities#storesAnchors()}
     * @return this builder
     */
    public Builder storesAnchors(boolean storesAnchors) {
      this.storesAnchors = storesAnchors;
      return this;
    }

    /**
     * Objects keep the directory id as an external id under {@code issuer}; implies {@link
     * #storesAnchors(boolean) storesAnchors(true)}.
     *
     * @param issuer see {@link TargetCapabilities#anchorIssuer()}
     * @return this builder
     */
    public Builder anchorIssuer(String issuer) {
      this.storesAnchors = true;
      this.anchorIssuer = issuer;
      return this;
    }

    /**
     * @param canDisableUsers see {@link TargetCapabilities#canDisableUsers()}
     * @return this builder
     */
    public Builder canDisableUsers(boolean canDisableUsers) {
      this.canDisableUsers = canDisableUsers;
      return this;
    }

    /**
     * @param maxMembersOnGroupCreate see {@link TargetCapabilities#maxMembersOnGroupCreate()}
     * @return this builder
     */
    public Builder maxMembersOnGroupCreate(int maxMembersOnGroupCreate) {
      this.maxMembersOnGroupCreate = maxMembersOnGroupCreate;
      return this;
    }

    /**
     * @param limits see {@link TargetCapabilities#limits()}
     * @return this builder
     */
    public Builder limits(AttributeLimits limits) {
      this.limits = limits;
      return this;
    }

    /**
     * @return the capabilities
     * @throws IllegalArgumentException naming the bad setting
     */
    public TargetCapabilities build() {
      return new TargetCapabilities(
          storesAnchors,
          anchorIssuer,
          canDisableUsers,
          maxMembersOnGroupCreate,
          limits,
          userAttributes);
    }
  }
}
