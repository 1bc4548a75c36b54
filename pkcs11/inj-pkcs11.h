/* inj-pkcs11.h: the card layer's one public header. GLib, p11-kit and
 * pcsc-lite only; never GTK. */
#pragma once

#include "inj-card.h"
#include "inj-card-monitor.h"
#include "inj-pcsc.h"
#include "inj-pkcs11-error.h"
#include "inj-pkcs11-info.h"
#include "inj-secret.h"
#include "inj-token.h"
