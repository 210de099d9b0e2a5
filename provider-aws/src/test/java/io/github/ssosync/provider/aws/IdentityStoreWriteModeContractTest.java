package io.github.ssosync.provider.aws;

/** The Identity Store write mode passes the target contract (anchor and disable tests skipped). */
class IdentityStoreWriteModeContractTest extends IdentityCenterTargetContract {
  IdentityStoreWriteModeContractTest() {
    super(WriteMode.IDENTITY_STORE);
  }
}
