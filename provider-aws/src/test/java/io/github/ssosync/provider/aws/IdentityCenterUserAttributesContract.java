package io.github.ssosync.provider.aws;

import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.testkit.contract.UserAttributesContract;
import org.junit.jupiter.api.AfterEach;

/** The attribute contract through the real SDK and HttpClient, in each write mode. */
abstract class IdentityCenterUserAttributesContract extends UserAttributesContract {
  private final WriteMode mode;
  private AwsFixture fixture;

  IdentityCenterUserAttributesContract(WriteMode mode) {
    this.mode = mode;
  }

  @Override
  protected IdentityTarget createTarget() {
    fixture = new AwsFixture();
    return fixture.target(mode);
  }

  @Override
  protected void setByHand(String userId, UserAttribute attribute, String value) {
    fixture.emulator.setUserAttributeDirectly(userId, attribute, value);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }
}
