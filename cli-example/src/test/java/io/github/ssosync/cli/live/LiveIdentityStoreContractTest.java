package io.github.ssosync.cli.live;

import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.targets.IdentityTarget;
import org.junit.jupiter.api.Tag;

/**
 * The target contract, Identity Store write mode, on the real tenant; only with {@code
 * SSOSYNC_LIVE_IDENTITY_STORE_WRITES=true}, since it needs the Identity Store write permissions.
 */
@Tag("live")
class LiveIdentityStoreContractTest extends PrefixedTargetContract {
  @Override
  protected IdentityTarget realTarget() {
    return LiveTenant.fromEnvironment().aws(WriteMode.IDENTITY_STORE).build();
  }
}
