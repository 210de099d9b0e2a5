package io.github.ssosync.plan;

import java.util.Objects;

/**
 * What a plan was computed from: a full read of both sides, or the state the last run left plus
 * what the change feeds named since; and why.
 *
 * @param kind full or incremental
 * @param reason why this kind: for a full run, why the state or the feeds could not be trusted
 *     (none kept, too old, another policy, a feed's gap...); for an incremental one, what the feeds
 *     named
 */
public record RunBasis(Kind kind, String reason) {

  /** The kinds of run. */
  public enum Kind {
    /** Both sides read in full. */
    FULL,
    /** The last run's state, with only what the feeds named read again. */
    INCREMENTAL
  }

  /** A full run of an engine that keeps no state. */
  public static final RunBasis STATELESS = new RunBasis(Kind.FULL, "no state is kept");

  /** Validates. */
  public RunBasis {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * @param reason why the run is full
   * @return a full run's basis
   */
  public static RunBasis full(String reason) {
    return new RunBasis(Kind.FULL, reason);
  }

  /**
   * @param reason what the feeds named
   * @return an incremental run's basis
   */
  public static RunBasis incremental(String reason) {
    return new RunBasis(Kind.INCREMENTAL, reason);
  }

  /** For the plan's header: {@code full (why)} or {@code incremental (what)}. */
  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " (" + reason + ")";
  }
}
