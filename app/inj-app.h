/* inj-app.h: the domain layer's one public header. */
#pragma once

#include "inj-certificate.h"
#include "inj-corporate-number.h"
#include "inj-date.h"
#include "inj-delegation.h"
#include "inj-delegation-input.h"
#include "inj-delegation-xml.h"
#include "inj-field.h"
#include "inj-i18n.h"
#include "inj-problem.h"
#include "inj-render.h"
#include "inj-service-profile.h"
#include "inj-terminal-interaction.h"
#include "inj-text.h"
#include "inj-types.h"
