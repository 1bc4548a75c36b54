/* inj-net.h: the net/ layer's one header. */
#pragma once

#include "inj-service-client.h"
