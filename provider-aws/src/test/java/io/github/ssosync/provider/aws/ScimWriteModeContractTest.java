package io.github.ssosync.provider.aws;

/** The SCIM write mode passes the target contract. */
class ScimWriteModeContractTest extends IdentityCenterTargetContract {
  ScimWriteModeContractTest() {
    super(WriteMode.SCIM);
  }
}
