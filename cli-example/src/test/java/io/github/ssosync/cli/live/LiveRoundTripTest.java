package io.github.ssosync.cli.live;

import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.targets.IdentityTarget;
import org.junit.jupiter.api.Tag;

/** The round trip on the real tenant, SCIM write mode ({@code ./mvnw -Plive verify}). */
@Tag("live")
class LiveRoundTripTest extends RoundTripScenario {
  @Override
  protected IdentityTarget realTarget() {
    return LiveTenant.fromEnvironment().aws(WriteMode.SCIM).build();
  }
}
