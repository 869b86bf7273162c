// Every JSON document type of the engine, by domain (see hearth/core/documents.h for what they
// are and which column each one shapes).
#pragma once

#include "hearth/core/documents.h"
#include "hearth/economy/documents.h"
#include "hearth/hosting/documents.h"
#include "hearth/identity/documents.h"
#include "hearth/onboarding/documents.h"
#include "hearth/progression/documents.h"
#include "hearth/social/documents.h"
#include "hearth/standing/documents.h"
