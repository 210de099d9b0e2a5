package io.github.ssosync.cli.live;

import io.github.ssosync.directory.DirectorySource;
import org.junit.jupiter.api.Tag;

/** The source checks on the real Workspace, read only ({@code ./mvnw -Plive verify}). */
@Tag("live")
class LiveGoogleDirectoryTest extends DirectorySourceInvariants {
  @Override
  protected DirectorySource createSource() {
    return LiveTenant.fromEnvironment().google().build();
  }

  @Override
  protected String groupQuery() {
    return LiveTenant.fromEnvironment().groupMatch();
  }
}
