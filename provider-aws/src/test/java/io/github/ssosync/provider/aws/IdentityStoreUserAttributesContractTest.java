package io.github.ssosync.provider.aws;

/** The Identity Store write mode passes the attribute contract for what it declares. */
class IdentityStoreUserAttributesContractTest extends IdentityCenterUserAttributesContract {
  IdentityStoreUserAttributesContractTest() {
    super(WriteMode.IDENTITY_STORE);
  }
}
