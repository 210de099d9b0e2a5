package io.github.ssosync.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.Secret;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SCIM needs both its endpoint and its token, and the Identity Store write mode (no anchors, no
 * disabling) is used only when chosen: an endpoint whose token failed to load must stop the run,
 * not switch silently to a mode that leaves duplicates behind.
 */
class WriteModeSettingsTest {
  private final IdentityCenterEmulator emulator = IdentityCenterEmulator.start();

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void oneScimSettingWithoutTheOtherOrNeitherWithoutAModeIsAnErrorNotTheIdentityStoreMode() {
    IdentityCenterTarget.Builder endpointOnly =
        IdentityCenterTarget.builder()
            .region(emulator.region())
            .identityStoreId(emulator.identityStoreId())
            .scimEndpoint(emulator.scimEndpoint());
    assertThatThrownBy(endpointOnly::build)
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .singleElement(InstanceOfAssertFactories.STRING)
                    .startsWith("scimEndpoint is set but scimToken is not")
                    .contains("--endpoint and --access-token"));
    IdentityCenterTarget.Builder tokenOnly =
        IdentityCenterTarget.builder()
            .region(emulator.region())
            .identityStoreId(emulator.identityStoreId())
            .scimToken(Secret.of(emulator.scimToken()))
            .writeMode(WriteMode.IDENTITY_STORE);
    assertThatThrownBy(tokenOnly::build)
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .singleElement(InstanceOfAssertFactories.STRING)
                    .startsWith("scimToken is set but scimEndpoint is not"));
    IdentityCenterTarget.Builder neither =
        IdentityCenterTarget.builder()
            .region(emulator.region())
            .identityStoreId(emulator.identityStoreId());
    assertThatThrownBy(neither::build)
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .singleElement(InstanceOfAssertFactories.STRING)
                    .startsWith("scimEndpoint and scimToken are not set")
                    .contains("writeMode(IDENTITY_STORE)"));
    assertThat(emulator.identityStoreCalls()).isEmpty();
  }
}
