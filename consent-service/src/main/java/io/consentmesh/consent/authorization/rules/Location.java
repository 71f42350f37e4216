package io.consentmesh.consent.authorization.rules;

import java.time.ZoneId;

/** A place the recipient may be: a state and one of its time zones (TZ-01: the called party's location decides). */
public record Location(UsState state, ZoneId zone) {}
