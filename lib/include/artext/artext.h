/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_H
#define ARTEXT_H
/* libartext: everything. See base.h for the conventions every module keeps
 * (status codes, ownership, offsets, thread safety). */
#include "base.h"
#include "offmap.h"
#include "input.h"
#include "norm.h"
#include "translit.h"
#include "tok.h"
#include "match.h"
#include "search.h"
#include "dates.h"
#include "gazetteer.h"
#include "ner.h"
#include "entities.h"
#endif
