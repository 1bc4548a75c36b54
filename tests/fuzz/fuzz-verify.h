/* fuzz-verify.h: the verification targets' trust (the TEST signing CAs of
 * trust/sign-ca.pem besides the pinned public roots) and their instant
 * (trust/now.txt), and the invariant of a verification that says valid. */
#pragma once

#include "inj-app.h"

void fuzz_verify_setup      (InjTrustStore **trust,
                             GDateTime **now);

/* A verification that says "valid" (or "valid when signed") has a signer
 * whose certificate has both validity times, in order, and was valid at
 * @signed_at (and at @now when @now is given), with every check passed. */
void fuzz_verify_check_valid (InjVerification *v,
                              GDateTime *signed_at,
                              GDateTime *now);
