package io.consentmesh.contracts.telephony;

/** What a person said about being contacted, as the agent runtime's speech understanding heard it. */
public enum VerbalIntent {
    OPT_IN,
    OPT_OUT
}
