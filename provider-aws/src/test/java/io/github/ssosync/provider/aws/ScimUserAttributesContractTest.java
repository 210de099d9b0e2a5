package io.github.ssosync.provider.aws;

/** The SCIM write mode passes the attribute contract. */
class ScimUserAttributesContractTest extends IdentityCenterUserAttributesContract {
  ScimUserAttributesContractTest() {
    super(WriteMode.SCIM);
  }
}
