package io.github.ssosync.testkit;

import io.github.ssosync.emulators.InMemoryIdentityTarget;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.testkit.contract.UserAttributesContract;

/** The reference target passes the attribute contract. */
class InMemoryUserAttributesContractTest extends UserAttributesContract {
  private InMemoryIdentityTarget target;

  @Override
  protected IdentityTarget createTarget() {
    target = InMemoryIdentityTarget.builder().build();
    return target;
  }

  @Override
  protected void setByHand(String userId, UserAttribute attribute, String value) {
    target.editByHand(userId, attribute, value);
  }
}
