/**
 * Loopback emulators of AWS IAM Identity Center: the Identity Store API (JSON 1.1) and the SCIM
 * endpoint, with one store behind both, and SSO Admin's {@code ListInstances}.
 */
@NullMarked
package io.github.ssosync.emulators.aws;

import org.jspecify.annotations.NullMarked;
