package io.github.ssosync.provider.aws;

import io.github.ssosync.targets.IdentityTarget;
import io.github.ssosync.testkit.contract.IdentityTargetContract;
import org.junit.jupiter.api.AfterEach;

/** The target contract through the real SDK and HttpClient, for one write mode. */
abstract class IdentityCenterTargetContract extends IdentityTargetContract {
  private final WriteMode mode;
  private AwsFixture fixture;

  IdentityCenterTargetContract(WriteMode mode) {
    this.mode = mode;
  }

  @Override
  protected IdentityTarget createTarget() {
    fixture = new AwsFixture();
    return fixture.target(mode);
  }

  @Override
  protected void createUnmanagedUser(String userName, String givenName, String familyName) {
    fixture.emulator.createUnmanagedUser(userName, givenName, familyName);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }
}
