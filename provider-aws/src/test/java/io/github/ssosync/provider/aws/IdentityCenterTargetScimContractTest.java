package io.github.ssosync.provider.aws;

import io.github.ssosync.target.IdentityTarget;
import io.github.ssosync.testkit.contract.IdentityTargetContract;
import org.junit.jupiter.api.AfterEach;

/** The SCIM write mode, through the real SDK and HttpClient, passes the target contract. */
class IdentityCenterTargetScimContractTest extends IdentityTargetContract {
  private AwsFixture fixture;

  @Override
  protected IdentityTarget createTarget() {
    fixture = new AwsFixture();
    return fixture.target(WriteMode.SCIM);
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
