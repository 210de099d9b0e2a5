package io.github.ssosync.cli.live;

import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.testkit.contract.IdentityTargetContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The target contract on a store shared with others: each test sees it through a fresh prefix
 * ({@link PrefixedTarget}), so it starts empty, and everything the test made is removed after it.
 */
abstract class PrefixedTargetContract extends IdentityTargetContract {
  private PrefixedTarget prefixed;

  /**
   * @return the real target, over a store that may hold anything
   */
  protected abstract IdentityTarget realTarget();

  @Override
  protected IdentityTarget createTarget() {
    prefixed = new PrefixedTarget(realTarget(), PrefixedTarget.newPrefix());
    return prefixed;
  }

  /** The prefix of the running test. */
  protected final String prefix() {
    return prefixed.prefix();
  }

  /** Called after the cleanup; a subclass checks the store or stops it here. */
  protected void afterCleanup() {}

  @AfterEach
  void removeWhatTheTestMade() {
    if (prefixed != null) {
      prefixed.removeAll();
    }
    afterCleanup();
  }
}
