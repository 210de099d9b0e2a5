package io.github.ssosync.testkit;

import io.github.ssosync.emulators.InMemoryIdentityTarget;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.testkit.contract.IdentityTargetContract;
import java.util.List;

/** The reference target passes the contract it defines. */
class InMemoryIdentityTargetContractTest extends IdentityTargetContract {
  private InMemoryIdentityTarget target;

  @Override
  protected IdentityTarget createTarget() {
    target = InMemoryIdentityTarget.builder().build();
    return target;
  }

  @Override
  protected void createUnmanagedUser(String userName, String givenName, String familyName) {
    target.addUser(userName, givenName, familyName, List.of());
  }
}
