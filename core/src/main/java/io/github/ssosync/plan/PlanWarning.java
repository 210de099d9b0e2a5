package io.github.ssosync.plan;

import java.util.Objects;

/**
 * Something the planner noticed and did not change, with the object it concerns.
 *
 * @param kind what kind of warning
 * @param subject the object it concerns (an email, a display name, a group)
 * @param message what happened and what to do about it
 */
public record PlanWarning(Kind kind, String subject, String message) {

  /** Kinds of warning. */
  public enum Kind {
    /** A directory user lacks an attribute the target requires; the user is skipped. */
    MISSING_ATTRIBUTE,
    /** A directory object has a value the target would refuse; the object is skipped. */
    INVALID_ATTRIBUTE,
    /** Two directory objects map to one target name; both are skipped. */
    NAME_COLLISION,
    /** Several target objects could be the one for a directory object; none is touched. */
    AMBIGUOUS_MATCH,
    /** A target object has the name of a directory object but is not ours; left alone. */
    NOT_OWNED,
    /** The target name a directory object needs is held by another object we own. */
    NAME_TAKEN,
    /** A group member outside the directory was skipped. */
    EXTERNAL_MEMBER,
    /** A group member the directory did not describe was skipped. */
    UNKNOWN_MEMBER,
    /** A group's memberships were not read, so they were not changed. */
    MEMBERSHIPS_NOT_READ,
    /** The target cannot do something the policy asks for; the planner fell back. */
    CAPABILITY_FALLBACK,
    /** The source skipped an object it could not read (for example, of another organisation). */
    SOURCE_SKIPPED,
    /**
     * An object missing from the directory's search results still exists and is selected (the
     * search index lags): nothing is removed this run.
     */
    SEARCH_INDEX_LAG,
    /**
     * A user's manager is not among the synced users (out of scope or skipped); the user is synced
     * and its manager left as it is.
     */
    MANAGER_OUT_OF_SCOPE
  }

  /** Validates. */
  public PlanWarning {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }
}
