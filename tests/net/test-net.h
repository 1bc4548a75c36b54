/* test-net.h: the tests of test-net, in three files; test-net.c lists
 * them in main() in the order they run. */
#pragma once

#include "net-support.h"

G_BEGIN_DECLS

/* test-net.c */
void test_config (void);
void test_arguments (void);
void test_profile (void);
void test_connection_reuse (void);
void test_idempotency_and_renewal (void);
void test_problem_details (void);

/* test-net-tls.c */
void test_server_certificates (void);
void test_client_certificate_refused (void);
void test_client_key_mismatch (void);
void test_no_redirect (void);
void test_tls_policy (void);
void test_protocol_errors (void);

/* test-net-retry.c */
void test_connection_closed_by_service (void);
void test_unreachable (void);
void test_timeout (void);
void test_retry_fail_rate (void);
void test_retry_exhausted (void);
void test_dropped_registration_once (void);
void test_cancel (void);
void test_async_workflow (void);

G_END_DECLS
