package io.github.ssosync.testkit;

import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.emulators.DirectoryContent;
import io.github.ssosync.emulators.InMemoryDirectorySource;
import io.github.ssosync.testkit.contract.DirectorySourceContract;

/** The reference source passes the contract it defines. */
class InMemoryDirectorySourceContractTest extends DirectorySourceContract {
  @Override
  protected DirectorySource createSource(DirectoryContent content) {
    return new InMemoryDirectorySource(content);
  }
}
