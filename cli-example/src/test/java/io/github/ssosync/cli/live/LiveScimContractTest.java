package io.github.ssosync.cli.live;

import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.targets.IdentityTarget;
import org.junit.jupiter.api.Tag;

/** The target contract, SCIM write mode, on the real tenant ({@code ./mvnw -Plive verify}). */
@Tag("live")
class LiveScimContractTest extends PrefixedTargetContract {
  @Override
  protected IdentityTarget realTarget() {
    return LiveTenant.fromEnvironment().aws(WriteMode.SCIM).build();
  }
}
